import { describe, expect, it } from 'vitest';
import { neighbourDifferences } from '../../../../src/main/signal/neighbour-difference';

/** Windows of `length` samples, beat k's window being ramp × amplitudes[k] (ramp j = 0 … length − 1). */
function rampWindows(amplitudes: readonly number[], length: number): Float32Array {
  const out = new Float32Array(amplitudes.length * length);
  amplitudes.forEach((a, k) => {
    for (let j = 0; j < length; j++) out[k * length + j] = a * j;
  });
  return out;
}

/** Population SD of 0 … length − 1. */
const rampSd = (length: number): number => Math.sqrt((length * length - 1) / 12);

describe('neighbourDifferences', () => {
  const L = 5;
  const inOrder = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

  it('gives zeros for a beat shaped like its neighbours’ median, and its departure in units of the template’s spread', () => {
    // Beat 4 is twice the others; with two neighbours on each side its template is beats 2, 3, 5, 6.
    const out = neighbourDifferences(rampWindows([1, 1, 1, 1, 2, 1, 1, 1, 1], L), L, inOrder(9), 2);
    for (let j = 0; j < L; j++) expect(out[1 * L + j]).toBeCloseTo(0, 6); // beats 0, 2, 3, 4: median 1
    for (let j = 0; j < L; j++) expect(out[4 * L + j]).toBeCloseTo(j / rampSd(L), 5);
  });

  it('takes the median, so one odd neighbour does not move the template', () => {
    const out = neighbourDifferences(rampWindows([1, 1, 9, 1, 1, 1, 1], L), L, inOrder(7), 2);
    for (let j = 0; j < L; j++) expect(out[3 * L + j]).toBeCloseTo(0, 6); // neighbours 1, 2, 4, 5: median 1
  });

  it('slides the neighbours inward at the ends of the record', () => {
    // Beat 0 with K = 1 compares with beats 1 and 2 (mean of the two middle values: 2.5).
    const out = neighbourDifferences(rampWindows([1, 2, 3, 5], L), L, inOrder(4), 1);
    for (let j = 0; j < L; j++) expect(out[j]).toBeCloseTo(((1 - 2.5) * j) / (2.5 * rampSd(L)), 5);
  });

  it('finds neighbours in time order, whatever the order of the windows', () => {
    // Windows stored as beats [c, a, b]: in time a, b, c; with K = 1, a's neighbours are b and c.
    const out = neighbourDifferences(rampWindows([4, 1, 2], L), L, [1, 2, 0], 1);
    for (let j = 0; j < L; j++) expect(out[L + j]).toBeCloseTo(((1 - 3) * j) / (3 * rampSd(L)), 5);
  });

  it('gives zeros for a lone beat and for a flat template', () => {
    expect(Array.from(neighbourDifferences(rampWindows([3], L), L, [0], 2))).toEqual(new Array(L).fill(0));
    const flat = new Float32Array(3 * L).fill(0.7);
    flat[L + 2] = 5; // beat 1 departs, but its template (beats 0 and 2) is a flat line
    expect(Array.from(neighbourDifferences(flat, L, inOrder(3), 1).subarray(L, 2 * L))).toEqual(new Array(L).fill(0));
  });

  it('refuses a bad neighbour count or windows that do not fit the beats', () => {
    expect(() => neighbourDifferences(rampWindows([1, 1], L), L, inOrder(2), 0)).toThrow(/neighbours must be an integer ≥ 1/);
    expect(() => neighbourDifferences(rampWindows([1, 1], L), L, inOrder(3), 1)).toThrow(/not 3 windows of 5/);
  });
});
