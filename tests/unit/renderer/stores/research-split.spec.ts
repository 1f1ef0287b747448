import { describe, expect, it } from 'vitest';
import type { FolderScan } from '../../../../src/shared/research';
import { choiceProblem, defaultSplitKind, recordsWithRole, splitRequestOf, type SplitChoice } from '../../../../src/renderer/src/stores/research-split';

const counts = { N: 1, S: 0, V: 0, F: 0, Q: 0 };
const SCAN: FolderScan = {
  folder: '/data/mitdb', annotator: 'atr', mitbih: true, withoutAnnotations: [],
  records: ['101', '106', '112', '119'].map((name) => ({ name, counts, total: 1, patient: name })),
};
const choice = (over: Partial<SplitChoice>): SplitChoice => ({ kind: 'custom', roles: {}, kfold: { k: 5, fold: 0, seed: 1 }, ...over });

describe('defaultSplitKind', () => {
  it('suggests DS1/DS2 for MIT-BIH and a custom split otherwise', () => {
    expect(defaultSplitKind(SCAN)).toBe('ds1ds2');
    expect(defaultSplitKind({ ...SCAN, mitbih: false })).toBe('custom');
  });
});

describe('recordsWithRole', () => {
  it('lists records of a role in scan order, unlisted records counting as unused', () => {
    const roles = { '119': 'train', '101': 'train', '106': 'test' } as const;
    expect(recordsWithRole(SCAN, roles, 'train')).toEqual(['101', '119']);
    expect(recordsWithRole(SCAN, roles, 'unused')).toEqual(['112']);
  });
});

describe('choiceProblem', () => {
  it('refuses DS1/DS2 outside MIT-BIH, bad k or fold, and a custom split without training records', () => {
    expect(choiceProblem({ ...SCAN, mitbih: false }, choice({ kind: 'ds1ds2' }))).toMatch(/MIT-BIH/);
    expect(choiceProblem(SCAN, choice({ kind: 'kfold', kfold: { k: 2, fold: 0, seed: 1 } }))).toMatch(/k must/);
    expect(choiceProblem(SCAN, choice({ kind: 'kfold', kfold: { k: 4, fold: 4, seed: 1 } }))).toMatch(/0 to 3/);
    expect(choiceProblem(SCAN, choice({ roles: { '101': 'test' } }))).toMatch(/train/);
    expect(choiceProblem(SCAN, choice({ roles: { '101': 'train' } }))).toBeNull();
  });
});

describe('splitRequestOf', () => {
  it('asks for each kind with the folder and annotator of the scan', () => {
    expect(splitRequestOf(SCAN, choice({ kind: 'ds1ds2' }))).toEqual({ kind: 'ds1ds2', folder: '/data/mitdb', annotator: 'atr' });
    expect(splitRequestOf(SCAN, choice({ kind: 'kfold', kfold: { k: 4, fold: 2, seed: 7 } }))).toMatchObject({ kind: 'kfold', k: 4, fold: 2, seed: 7 });
    expect(splitRequestOf(SCAN, choice({ roles: { '101': 'train', '106': 'train', '112': 'validation', '119': 'test' } }))).toMatchObject({
      kind: 'custom', train: ['101', '106'], validation: ['112'], test: ['119'],
    });
  });
});
