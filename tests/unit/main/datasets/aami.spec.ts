import { describe, expect, it } from 'vitest';
import { AAMI_CLASSES, aamiClassOf, aamiIndexOf, countAamiClasses, totalOf } from '../../../../src/main/datasets/aami';

describe('aamiClassOf', () => {
  it('maps the 15 MIT-BIH beat labels to the AAMI EC57 classes of the protocol', () => {
    const table: [string, string][] = [
      ['N', 'N'], ['L', 'N'], ['R', 'N'], ['e', 'N'], ['j', 'N'],
      ['A', 'S'], ['a', 'S'], ['J', 'S'], ['S', 'S'],
      ['V', 'V'], ['E', 'V'],
      ['F', 'F'],
      ['/', 'Q'], ['f', 'Q'], ['Q', 'Q'],
    ];
    for (const [symbol, aami] of table) expect(aamiClassOf(symbol)).toBe(aami);
  });

  it('returns null for non-beat annotations, the flutter wave "!" included', () => {
    for (const symbol of ['!', '+', '~', '|', 'x', '"', '[', ']', '', 'toString', 'constructor']) {
      expect(aamiClassOf(symbol)).toBeNull();
    }
  });
});

describe('aamiIndexOf', () => {
  it('gives the position in AAMI_CLASSES, or -1 for a non-beat', () => {
    expect(AAMI_CLASSES).toEqual(['N', 'S', 'V', 'F', 'Q']);
    expect(aamiIndexOf('L')).toBe(0);
    expect(aamiIndexOf('a')).toBe(1);
    expect(aamiIndexOf('E')).toBe(2);
    expect(aamiIndexOf('F')).toBe(3);
    expect(aamiIndexOf('f')).toBe(4);
    expect(aamiIndexOf('!')).toBe(-1);
  });
});

describe('countAamiClasses', () => {
  it('counts class indices and skips -1 (extra detections)', () => {
    const counts = countAamiClasses(Int8Array.from([0, 0, 1, 2, 2, 2, 3, 4, -1]));
    expect(counts).toEqual({ N: 2, S: 1, V: 3, F: 1, Q: 1 });
    expect(totalOf(counts)).toBe(8);
  });
});
