/**
 * The data step of the research workbench: which split the researcher chose and how it is
 * asked of `research:split`. A custom split assigns each scanned record a role; a k-fold
 * split by patient takes k, the fold and a seed; the DS1/DS2 preset (de Chazal 2004) needs
 * nothing but an MIT-BIH folder. Not a store: plain functions for ./research.
 */
import type { FolderScan, SplitRequest } from '../../../shared/research';

/** The split kinds, as `research:split` names them. */
export type SplitKind = 'ds1ds2' | 'custom' | 'kfold';
/** What a record is used for in a custom split. */
export type RecordRole = 'train' | 'validation' | 'test' | 'unused';
/** The roles a record can take, in the order the table lists them. */
export const RECORD_ROLES: readonly RecordRole[] = ['unused', 'train', 'validation', 'test'];

/** k-fold settings. */
export interface KFoldChoice {
  k: number;
  fold: number;
  seed: number;
}

/** What the data step has chosen. */
export interface SplitChoice {
  kind: SplitKind;
  /** Role per record name (custom split); records not listed are unused. */
  roles: Readonly<Record<string, RecordRole>>;
  kfold: KFoldChoice;
}

/** The split kind a fresh scan suggests: the DS1/DS2 preset for MIT-BIH, else custom. */
export function defaultSplitKind(scan: FolderScan): SplitKind {
  return scan.mitbih ? 'ds1ds2' : 'custom';
}

/** Records of `roles` with role `role`, in scan order. */
export function recordsWithRole(scan: FolderScan, roles: Readonly<Record<string, RecordRole>>, role: RecordRole): string[] {
  return scan.records.filter((r) => (roles[r.name] ?? 'unused') === role).map((r) => r.name);
}

/** Why `choice` cannot be planned yet (shown instead of a plan), or null. */
export function choiceProblem(scan: FolderScan, choice: SplitChoice): string | null {
  if (choice.kind === 'ds1ds2' && !scan.mitbih) return 'the DS1/DS2 split is for the MIT-BIH Arrhythmia Database only';
  if (choice.kind === 'kfold') {
    const { k, fold } = choice.kfold;
    if (!Number.isInteger(k) || k < 3 || k > 20) return 'k must be a whole number from 3 to 20';
    if (!Number.isInteger(fold) || fold < 0 || fold >= k) return `the fold must be a whole number from 0 to ${k - 1}`;
  }
  if (choice.kind === 'custom' && recordsWithRole(scan, choice.roles, 'train').length === 0) return 'give at least one record the role "train"';
  return null;
}

/** The `research:split` request of `choice` for the scanned folder. */
export function splitRequestOf(scan: FolderScan, choice: SplitChoice): SplitRequest {
  const base = { folder: scan.folder, annotator: scan.annotator };
  switch (choice.kind) {
    case 'ds1ds2':
      return { kind: 'ds1ds2', ...base };
    case 'kfold':
      return { kind: 'kfold', ...base, k: choice.kfold.k, fold: choice.kfold.fold, seed: choice.kfold.seed };
    case 'custom':
      return {
        kind: 'custom', ...base,
        train: recordsWithRole(scan, choice.roles, 'train'),
        validation: recordsWithRole(scan, choice.roles, 'validation'),
        test: recordsWithRole(scan, choice.roles, 'test'),
      };
  }
}
