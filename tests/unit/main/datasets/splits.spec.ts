import { describe, expect, it } from 'vitest';
import { DS1_RECORDS, DS2_RECORDS, MITDB_RECORDS, PACED_RECORDS, recordsOf, splitOf } from '../../../../src/main/datasets/splits';

describe('splitOf', () => {
  it('puts de Chazal\'s DS1 and DS2 records (22 each) in their sets and the paced ones in none', () => {
    expect(DS1_RECORDS).toHaveLength(22);
    expect(DS2_RECORDS).toHaveLength(22);
    expect(splitOf('101')).toBe('DS1');
    expect(splitOf('230')).toBe('DS1');
    expect(splitOf('100')).toBe('DS2');
    expect(splitOf('234')).toBe('DS2');
    for (const paced of ['102', '104', '107', '217']) expect(splitOf(paced)).toBeNull();
    expect(splitOf('999')).toBeNull();
  });

  it('covers the 48 MIT-BIH records exactly once across DS1, DS2 and the paced records', () => {
    const all = [...DS1_RECORDS, ...DS2_RECORDS, ...PACED_RECORDS].sort();
    expect(all).toEqual([...MITDB_RECORDS].sort());
    expect(new Set(all).size).toBe(48);
  });
});

describe('recordsOf', () => {
  it('returns the record list of a split', () => {
    expect(recordsOf('DS1')).toBe(DS1_RECORDS);
    expect(recordsOf('DS2')).toBe(DS2_RECORDS);
  });
});
