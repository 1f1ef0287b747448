import { describe, expect, it } from 'vitest';
import { DS1_RECORDS, DS2_RECORDS, MITDB_RECORDS } from '../../../../src/main/datasets';
import { patientFolds, planSplit, samePatientWarnings } from '../../../../src/main/research/plan-split';
import { patientOf } from '../../../../src/main/research/same-patient';
import { ResearchError } from '../../../../src/main/research/research-error';
import type { FolderScan, ScannedRecord } from '../../../../src/shared/research';

/** A scan of `names` with one N beat and `index` V beats each (made up: only the split logic is under test). */
function scanOf(names: readonly string[], mitbih: boolean): FolderScan {
  const records: ScannedRecord[] = names.map((name, index) => ({
    name, counts: { N: 1, S: 0, V: index, F: 0, Q: 0 }, total: 1 + index, patient: patientOf(name, mitbih),
  }));
  return { folder: '/data/x', annotator: 'atr', records, withoutAnnotations: [], mitbih };
}

const mitdb = scanOf(MITDB_RECORDS, true);

describe('patientOf', () => {
  it('maps MIT-BIH 202 to the patient of 201 but leaves other databases alone', () => {
    expect(patientOf('202', true)).toBe(patientOf('201', true));
    expect(patientOf('100', true)).toBe('100');
    expect(patientOf('202', false)).toBe('202');
  });
});

describe('planSplit', () => {
  it('gives de Chazal DS1/DS2 with the DS1 hold-out and warns that 201 and 202 are one patient', () => {
    const plan = planSplit({ kind: 'ds1ds2', folder: '/data/x' }, mitdb);
    expect([...plan.train, ...plan.validation].sort()).toEqual([...DS1_RECORDS].sort());
    expect(plan.test).toEqual([...DS2_RECORDS]);
    expect(plan.validation.every((r) => DS1_RECORDS.includes(r))).toBe(true);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/201 \(train\).*202 \(test\)/);
  });

  it('counts the beats of each set from the scan', () => {
    const plan = planSplit({ kind: 'custom', folder: '/data/x', train: ['100', '101'], validation: ['103'], test: [] }, mitdb);
    // 100 and 101 are indices 0 and 1 of MITDB_RECORDS: V = 0 + 1.
    expect(plan.counts.train).toEqual({ N: 2, S: 0, V: 1, F: 0, Q: 0 });
    expect(plan.counts.test).toEqual({ N: 0, S: 0, V: 0, F: 0, Q: 0 });
  });

  it('warns about DS1 records missing from the folder and leaves them out', () => {
    const plan = planSplit({ kind: 'ds1ds2', folder: '/data/x' }, scanOf(MITDB_RECORDS.filter((r) => r !== '101'), true));
    expect(plan.train).not.toContain('101');
    expect(plan.warnings.some((w) => w.includes('missing') && w.includes('101'))).toBe(true);
  });

  it('refuses DS1/DS2 on a folder that is not MIT-BIH', () => {
    expect(() => planSplit({ kind: 'ds1ds2', folder: '/data/x' }, scanOf(['a1', 'a2'], false))).toThrow(ResearchError);
  });

  it('keeps a custom split without warnings when no patient is in two sets', () => {
    const plan = planSplit({ kind: 'custom', folder: '/data/x', train: ['201', '100'], validation: ['118'], test: ['103'] }, mitdb);
    expect(plan.warnings).toEqual([]);
    expect(plan.train).toEqual(['201', '100']);
  });

  it('warns when a custom split puts 201 in training and 202 in validation', () => {
    const plan = planSplit({ kind: 'custom', folder: '/data/x', train: ['201'], validation: ['202'], test: [] }, mitdb);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toContain('same patient');
  });

  it('refuses a record in two sets and a record not in the folder', () => {
    expect(() => planSplit({ kind: 'custom', folder: '/data/x', train: ['100'], validation: ['100'], test: [] }, mitdb)).toThrow(/both the train and the validation/);
    expect(() => planSplit({ kind: 'custom', folder: '/data/x', train: ['999'], validation: ['100'], test: [] }, mitdb)).toThrow(/no annotated record named 999/);
  });

  it('makes k folds by patient: every record once, 201 and 202 together, the same for the same seed', () => {
    const folds = [0, 1, 2, 3, 4].map((fold) => planSplit({ kind: 'kfold', folder: '/data/x', k: 5, fold, seed: 7 }, mitdb));
    for (const plan of folds) {
      expect([...plan.train, ...plan.validation, ...plan.test].sort()).toEqual([...MITDB_RECORDS].sort());
      expect(plan.warnings).toEqual([]);
      const setOf = (r: string): string => (plan.train.includes(r) ? 'train' : plan.validation.includes(r) ? 'validation' : 'test');
      expect(setOf('201')).toBe(setOf('202'));
    }
    // Each record is tested in exactly one fold.
    expect(folds.flatMap((p) => p.test).sort()).toEqual([...MITDB_RECORDS].sort());
    expect(planSplit({ kind: 'kfold', folder: '/data/x', k: 5, fold: 2, seed: 7 }, mitdb)).toEqual(folds[2]);
  });

  it('refuses a fold beyond k and more folds than patients', () => {
    expect(() => planSplit({ kind: 'kfold', folder: '/data/x', k: 3, fold: 3 }, mitdb)).toThrow(ResearchError);
    expect(() => planSplit({ kind: 'kfold', folder: '/data/x', k: 3, fold: 0 }, scanOf(['a', 'b'], false))).toThrow(/2 patients/);
  });
});

describe('samePatientWarnings', () => {
  it('names every set the patient is in', () => {
    const warnings = samePatientWarnings({ train: ['201'], validation: [], test: ['202'] }, mitdb);
    expect(warnings).toEqual(['one patient in 2 sets: records 201 (train) and 202 (test) come from the same patient']);
  });
});

describe('patientFolds', () => {
  const records = MITDB_RECORDS.map((name) => ({ name, patient: patientOf(name, true) }));

  it('puts every record in exactly one of k folds, 201 and 202 together, and matches the k-fold plan', () => {
    const folds = patientFolds(records, 5, 7);
    expect(folds).toHaveLength(5);
    expect(folds.flat().sort()).toEqual([...MITDB_RECORDS].sort());
    expect(folds.findIndex((f) => f.includes('201'))).toBe(folds.findIndex((f) => f.includes('202')));
    expect(planSplit({ kind: 'kfold', folder: '/data/x', k: 5, fold: 3, seed: 7 }, mitdb).test).toEqual(folds[3]);
  });

  it('refuses more folds than patients', () => {
    expect(() => patientFolds(records.slice(0, 2), 3, 1)).toThrow(RangeError);
  });
});
