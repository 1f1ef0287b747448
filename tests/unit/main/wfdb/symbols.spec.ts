import { describe, expect, it } from 'vitest';
import { ACMAX, ANNOTATION_DESCRIPTIONS, ANNOTATION_SYMBOLS, codeForSymbol, isBeatCode } from '../../../../src/main/wfdb/symbols';

/** wfdb-python `ann_label_table` (label_store → symbol), code 0 (" ", NOTANN) left out. */
const WFDB_PYTHON_LABELS: Record<number, string> = {
  1: 'N', 2: 'L', 3: 'R', 4: 'a', 5: 'V', 6: 'F', 7: 'J', 8: 'A', 9: 'S', 10: 'E', 11: 'j', 12: '/',
  13: 'Q', 14: '~', 16: '|', 18: 's', 19: 'T', 20: '*', 21: 'D', 22: '"', 23: '=', 24: 'p', 25: 'B',
  26: '^', 27: 't', 28: '+', 29: 'u', 30: '?', 31: '!', 32: '[', 33: ']', 34: 'e', 35: 'n', 36: '@',
  37: 'x', 38: 'f', 39: '(', 40: ')', 41: 'r',
};

describe('ANNOTATION_SYMBOLS', () => {
  it('matches wfdb-python ann_label_table and is empty for the other codes up to ACMAX', () => {
    expect(ANNOTATION_SYMBOLS).toHaveLength(ACMAX + 1);
    ANNOTATION_SYMBOLS.forEach((symbol, code) => expect(symbol).toBe(WFDB_PYTHON_LABELS[code] ?? ''));
  });

  it('has a description exactly where it has a symbol', () => {
    expect(ANNOTATION_DESCRIPTIONS).toHaveLength(ACMAX + 1);
    ANNOTATION_SYMBOLS.forEach((symbol, code) => expect(ANNOTATION_DESCRIPTIONS[code] !== '').toBe(symbol !== ''));
  });
});

describe('isBeatCode', () => {
  it('is true for the isqrs codes of WFDB ecgmap.h', () => {
    const beats = ['N', 'L', 'R', 'a', 'V', 'F', 'J', 'A', 'S', 'E', 'j', '/', 'Q', 'B', '?', '!', 'e', 'n', 'f', 'r'];
    const expected = beats.map((s) => codeForSymbol(s));
    const actual = ANNOTATION_SYMBOLS.map((_s, code) => code).filter(isBeatCode);
    expect(actual).toEqual(expected);
  });

  it('is false for non-beat, undefined and out-of-range codes', () => {
    for (const code of [0, 14, 15, 22, 28, 42, 49, 50, 59, 63, -1, 1.5, Number.NaN]) expect(isBeatCode(code)).toBe(false);
  });
});

describe('codeForSymbol', () => {
  it('returns the standard code of a symbol and null for unknown or empty ones', () => {
    expect(codeForSymbol('N')).toBe(1);
    expect(codeForSymbol('r')).toBe(41);
    expect(codeForSymbol('"')).toBe(22);
    expect(codeForSymbol('')).toBeNull();
    expect(codeForSymbol('CAL')).toBeNull();
  });
});
