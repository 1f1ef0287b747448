import { describe, expect, it } from 'vitest';
import { chooseWeights, maskTopTwo, simplexGrid } from '../../../../../src/main/ml/ensemble/choose-weights';

const CLASSES = ['N', 'S', 'V', 'F', 'Q'];

/** Probabilities over 5 classes putting `right` on the beat's class and `wrong` on the swapped one (N ↔ V). */
function member(reference: Int8Array, right: number, wrong: number): Float32Array {
  const out = new Float32Array(reference.length * 5);
  reference.forEach((c, i) => {
    out[i * 5 + c] = right;
    out[i * 5 + (c === 0 ? 2 : 0)] = wrong;
  });
  return out;
}

describe('simplexGrid', () => {
  it('lists every split of the steps among the members', () => {
    expect(simplexGrid(2, 2)).toEqual([[2, 0], [1, 1], [0, 2]]);
    expect(simplexGrid(3, 10)).toHaveLength(66); // C(12, 2)
    expect(simplexGrid(3, 10).every((v) => v.reduce((a, b) => a + b) === 10)).toBe(true);
  });
});

describe('maskTopTwo', () => {
  it('zeroes all but the two largest of each row', () => {
    expect(Array.from(maskTopTwo(Float32Array.from([0.1, 0.5, 0.2, 0.15, 0.05, 0.3, 0.3, 0.3, 0.1, 0]), 5))).toEqual(
      [0, 0.5, 0.2, 0, 0, 0.3, 0.3, 0, 0, 0].map(Math.fround),
    );
  });
});

describe('chooseWeights', () => {
  const reference = Int8Array.from([0, 0, 2, 2, 0, 2]);

  it('leaves out a member that changes no decision', () => {
    // A right with .9, B wrong with .9: every grid point with wA > wB is perfect; [1, 0] needs one member only.
    const choice = chooseWeights([member(reference, 0.9, 0.1), member(reference, 0.1, 0.9)], reference, CLASSES, 10);
    expect(choice.weights).toEqual([1, 0]);
    expect(choice.macroF1).toBe(1);
    expect(choice.candidates).toBe(11);
  });

  it('takes the most even of equally good weights when both members are needed', () => {
    // A is sure of N beats (.9) and wrong on V beats (N .55, V .45); B the mirror image. N beats
    // come out right iff .9 wA + .45 wB > .1 wA + .55 wB, i.e. wA > wB / 8; V beats iff wB > wA / 8.
    // Perfect for wA in [.2, .8] on the grid (alone, each member misses a class): the most even is .5.
    const a = new Float32Array(reference.length * 5);
    const b = new Float32Array(reference.length * 5);
    reference.forEach((c, i) => {
      const [right, other] = [c, c === 0 ? 2 : 0];
      a[i * 5 + right] = c === 0 ? 0.9 : 0.45;
      a[i * 5 + other] = c === 0 ? 0.1 : 0.55;
      b[i * 5 + right] = c === 2 ? 0.9 : 0.45;
      b[i * 5 + other] = c === 2 ? 0.1 : 0.55;
    });
    const choice = chooseWeights([a, b], reference, CLASSES, 10);
    expect(choice.weights).toEqual([0.5, 0.5]);
    expect(choice.macroF1).toBe(1);
    expect(chooseWeights([a], reference, CLASSES).macroF1).toBeLessThan(1);
  });

  it('refuses sizes that do not fit', () => {
    expect(() => chooseWeights([new Float32Array(3)], reference, CLASSES)).toThrow(RangeError);
    expect(() => chooseWeights([], reference, CLASSES)).toThrow(RangeError);
  });
});
