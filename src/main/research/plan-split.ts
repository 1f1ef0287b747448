/**
 * `research:split`: train / validation / test records of a scanned folder.
 * - 'ds1ds2': de Chazal's inter-patient split (src/main/datasets/splits): DS1 trains, its
 *   fixed hold-out (DS1_VALIDATION_RECORDS of src/main/ml) validates, DS2 tests. MIT-BIH only.
 * - 'custom': the caller's lists; a record in two sets is refused.
 * - 'kfold': patients (./same-patient) shuffled by `seed` into k folds; fold `fold` tests,
 *   the next fold validates, the rest train — so no patient is in two sets.
 * Every plan is checked for patients in two sets and warns (the DS1/DS2 preset does: 201 in
 * DS1 and 202 in DS2 are one patient).
 */
import { DS1_RECORDS, DS2_RECORDS, emptyAamiCounts } from '../datasets';
import { DS1_VALIDATION_RECORDS } from '../ml/training/data';
import { createPrng, shuffleInPlace } from '../ml/training/prng';
import type { ClassCounts, FolderScan, SplitPlan, SplitRequest } from '../../shared/research';
import { ResearchError } from './research-error';

type Sets = Pick<SplitPlan, 'train' | 'validation' | 'test'>;
const SET_NAMES = ['train', 'validation', 'test'] as const;

/** Warnings for patients whose records are in more than one set. */
export function samePatientWarnings(sets: Sets, scan: FolderScan): string[] {
  const patientOf = new Map(scan.records.map((r) => [r.name, r.patient]));
  const where = new Map<string, Map<string, string[]>>();
  for (const set of SET_NAMES) {
    for (const record of sets[set]) {
      const patient = patientOf.get(record) ?? record;
      const bySet = where.get(patient) ?? new Map<string, string[]>();
      bySet.set(set, [...(bySet.get(set) ?? []), record]);
      where.set(patient, bySet);
    }
  }
  const warnings: string[] = [];
  for (const bySet of where.values()) {
    if (bySet.size < 2) continue;
    const parts = [...bySet].map(([set, recs]) => `${recs.join(', ')} (${set})`);
    warnings.push(`one patient in ${bySet.size} sets: records ${parts.join(' and ')} come from the same patient`);
  }
  return warnings;
}

function countsOf(records: readonly string[], scan: FolderScan): ClassCounts {
  const total = emptyAamiCounts();
  for (const name of records) {
    const r = scan.records.find((x) => x.name === name);
    if (r) for (const c of Object.keys(total) as (keyof ClassCounts)[]) total[c] += r.counts[c];
  }
  return total;
}

function ds1ds2(scan: FolderScan): Sets & { warnings: string[]; description: string } {
  if (!scan.mitbih) throw new ResearchError(`${scan.folder}: the DS1/DS2 split is for the MIT-BIH Arrhythmia Database; these records are not all MIT-BIH records`);
  const have = new Set(scan.records.map((r) => r.name));
  const want: Sets = {
    train: DS1_RECORDS.filter((r) => !DS1_VALIDATION_RECORDS.includes(r)),
    validation: [...DS1_VALIDATION_RECORDS],
    test: [...DS2_RECORDS],
  };
  const missing = SET_NAMES.flatMap((s) => want[s].filter((r) => !have.has(r)));
  const sets: Sets = { train: want.train.filter((r) => have.has(r)), validation: want.validation.filter((r) => have.has(r)), test: want.test.filter((r) => have.has(r)) };
  const warnings = missing.length > 0 ? [`records of the DS1/DS2 split missing from the folder (left out): ${missing.join(', ')}`] : [];
  return { ...sets, warnings, description: `de Chazal 2004 DS1/DS2; DS1 hold-out ${DS1_VALIDATION_RECORDS.join(',')} validates (by patient)` };
}

function custom(scan: FolderScan, sets: Sets): Sets & { warnings: string[]; description: string } {
  const have = new Set(scan.records.map((r) => r.name));
  const unknown = SET_NAMES.flatMap((s) => sets[s].filter((r) => !have.has(r)));
  if (unknown.length > 0) throw new ResearchError(`${scan.folder}: no annotated record named ${[...new Set(unknown)].join(', ')}`, { file: scan.folder });
  for (const [i, a] of SET_NAMES.entries()) {
    for (const b of SET_NAMES.slice(i + 1)) {
      const both = sets[a].filter((r) => sets[b].includes(r));
      if (both.length > 0) throw new ResearchError(`records ${both.join(', ')} are in both the ${a} and the ${b} set`);
    }
  }
  const dedupe = (l: string[]): string[] => [...new Set(l)];
  return { train: dedupe(sets.train), validation: dedupe(sets.validation), test: dedupe(sets.test), warnings: [], description: 'custom split by record' };
}

/**
 * `records` in k folds by patient: the patients (sorted, then shuffled by `seed`) go to fold
 * i mod k in turn; each fold lists its records in the order given. Also used by the
 * out-of-fold prior fit of the default model (src/cli/commands/fit-priors).
 * @throws RangeError when there are fewer patients than folds or k < 2.
 */
export function patientFolds(records: readonly { name: string; patient: string }[], k: number, seed: number): string[][] {
  const patients = [...new Set(records.map((r) => r.patient))].sort();
  if (!Number.isInteger(k) || k < 2 || patients.length < k) throw new RangeError(`${patients.length} patients cannot make ${k} folds`);
  shuffleInPlace(patients, createPrng(seed));
  const foldOf = new Map(patients.map((p, i) => [p, i % k]));
  return Array.from({ length: k }, (_, f) => records.filter((r) => foldOf.get(r.patient) === f).map((r) => r.name));
}

function kfold(scan: FolderScan, k: number, fold: number, seed: number): Sets & { warnings: string[]; description: string } {
  if (fold >= k) throw new ResearchError(`fold ${fold} does not exist with k = ${k} (folds 0–${k - 1})`);
  const patients = new Set(scan.records.map((r) => r.patient));
  if (patients.size < k) throw new ResearchError(`${scan.folder}: ${patients.size} patients cannot make ${k} folds`);
  const folds = patientFolds(scan.records, k, seed);
  const validationFold = (fold + 1) % k;
  const test = folds[fold]!;
  const validation = folds[validationFold]!;
  return {
    train: scan.records.map((r) => r.name).filter((r) => !test.includes(r) && !validation.includes(r)),
    validation,
    test,
    warnings: [],
    description: `${k}-fold by patient (seed ${seed}): fold ${fold} tests, fold ${validationFold} validates`,
  };
}

/** The plan for `request` over `scan`. @throws ResearchError for an impossible split */
export function planSplit(request: SplitRequest, scan: FolderScan): SplitPlan {
  const made =
    request.kind === 'ds1ds2'
      ? ds1ds2(scan)
      : request.kind === 'custom'
        ? custom(scan, request)
        : kfold(scan, request.k, request.fold, request.seed ?? 0);
  const sets: Sets = { train: made.train, validation: made.validation, test: made.test };
  return {
    kind: request.kind,
    ...sets,
    counts: { train: countsOf(sets.train, scan), validation: countsOf(sets.validation, scan), test: countsOf(sets.test, scan) },
    warnings: [...made.warnings, ...samePatientWarnings(sets, scan)],
    description: made.description,
  };
}
