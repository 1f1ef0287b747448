import { describe, expect, it } from 'vitest';
import { RR_FEATURE_COUNT } from '../../../../../src/main/signal/rr-features';
import { fitRrNormalisation, normaliseRr, rrColumns } from '../../../../../src/main/ml/training/rr-normalisation';

/** Three beats; column k of beat i holds 10k + i, except column 3 (recordRrSec), constant. */
function rows(): Float32Array {
  const out = new Float32Array(3 * RR_FEATURE_COUNT);
  for (let i = 0; i < 3; i++) for (let k = 0; k < RR_FEATURE_COUNT; k++) out[i * RR_FEATURE_COUNT + k] = k === 3 ? 0.8 : 10 * k + i;
  return out;
}

describe('fitRrNormalisation', () => {
  it('takes the mean and population standard deviation of the named columns', () => {
    const norm = fitRrNormalisation(rows(), ['nextRrSec', 'prevRrSec']);
    expect(norm.features).toEqual(['nextRrSec', 'prevRrSec']);
    expect(norm.mean).toEqual([11, 1].map((v) => expect.closeTo(v, 5)));
    expect(norm.std).toEqual([Math.sqrt(2 / 3), Math.sqrt(2 / 3)].map((v) => expect.closeTo(v, 5)));
  });

  it('gives a constant feature a deviation of 1', () => {
    expect(fitRrNormalisation(rows(), ['recordRrSec']).std).toEqual([1]);
  });
});

describe('normaliseRr', () => {
  it('selects and standardises the columns in the given order', () => {
    const norm = { features: ['localRrSec', 'prevRrSec'], mean: [21, 1], std: [2, 0.5] };
    expect(Array.from(normaliseRr(rows(), norm))).toEqual([-0.5, -2, 0, 0, 0.5, 2]);
  });
});

describe('rrColumns', () => {
  it('refuses an unknown feature name', () => {
    expect(() => rrColumns(['prevRrSec', 'heartRate'])).toThrow(/unknown RR feature "heartRate"/);
  });
});
