import { describe, expect, it } from 'vitest';
import { AAMI_CLASSES } from '../../../../../src/main/datasets/aami';
import { checkModelConfig, defaultModelConfig, ModelConfigError } from '../../../../../src/main/ml/models/index';
import { RR_FEATURE_NAMES } from '../../../../../src/main/signal/rr-features';

describe('defaultModelConfig', () => {
  it('gives RhythmAttention 1-s windows at 180 Hz, all RR features and the AAMI classes', () => {
    const config = defaultModelConfig('rhythm-attention');
    expect(config).toMatchObject({ architecture: 'rhythm-attention', windowLength: 180, windowRateHz: 180 });
    expect(config.rrFeatures).toEqual([...RR_FEATURE_NAMES]);
    expect(config.classes).toEqual([...AAMI_CLASSES]);
    expect(config.hyper).toMatchObject({ heads: 4, keyDim: 16, l2: 1e-4 });
  });

  it("gives CNN-BiGRU-Attention seed 002's input (360 samples at 360 Hz) and layer sizes", () => {
    const config = defaultModelConfig('cnn-bigru-attention');
    expect(config).toMatchObject({ windowLength: 360, windowRateHz: 360 });
    expect(config.hyper).toMatchObject({ filters1: 32, filters2: 64, filters3: 64, kernel1: 5, kernel2: 5, kernel3: 3, gruUnits: 32, denseUnits: 32 });
    expect(config.hyper).toMatchObject({ convDropout: 0.3, recurrentDropout: 0.1, gruDropout: 0.3, dropout: 0.5 });
  });

  it('applies overrides, merging hyper key by key and copying the lists', () => {
    const rr = ['prevRrSec', 'nextRrSec'];
    const config = defaultModelConfig('rhythm-attention', { windowLength: 187, windowRateHz: 125, rrFeatures: rr, hyper: { heads: 2 } });
    expect(config).toMatchObject({ windowLength: 187, windowRateHz: 125, rrFeatures: rr });
    expect(config.hyper).toMatchObject({ heads: 2, keyDim: 16 });
    expect(config.rrFeatures).not.toBe(rr);
    expect(defaultModelConfig('rhythm-attention', { rrFeatures: [] }).rrFeatures).toEqual([]);
  });

  it('refuses unknown architectures and a contradicting architecture override', () => {
    expect(() => defaultModelConfig('lstm' as 'rhythm-attention')).toThrow(/unknown architecture 'lstm'/);
    expect(() => defaultModelConfig('rhythm-attention', { architecture: 'cnn-bigru-attention' })).toThrow(ModelConfigError);
  });
});

describe('checkModelConfig', () => {
  const valid = defaultModelConfig('rhythm-attention');

  it.each([
    [{ windowLength: 20 }, /windowLength must be an integer ≥ 32, got 20/],
    [{ windowLength: 180.5 }, /windowLength/],
    [{ windowRateHz: 0 }, /windowRateHz/],
    [{ rrFeatures: ['heartRate'] }, /rrFeatures: unknown name 'heartRate'/],
    [{ rrFeatures: ['prevRrSec', 'prevRrSec'] }, /'prevRrSec' appears twice/],
    [{ classes: ['N'] }, /at least 2 classes/],
    [{ hyper: { ...valid.hyper, depth: 3 } }, /hyper: unknown parameter 'depth'/],
    [{ hyper: { ...valid.hyper, dropout: 1 } }, /hyper.dropout must be a rate in \[0, 1\), got 1/],
    [{ hyper: { ...valid.hyper, heads: 1.5 } }, /hyper.heads must be an integer ≥ 1/],
    [{ hyper: { ...valid.hyper, l2: -1 } }, /hyper.l2/],
  ])('refuses %o with a ModelConfigError naming it', (change, message) => {
    const bad = { ...valid, ...change };
    expect(() => checkModelConfig(bad)).toThrow(ModelConfigError);
    expect(() => checkModelConfig(bad)).toThrow(message);
  });

  it('accepts every default configuration', () => {
    expect(() => checkModelConfig(valid)).not.toThrow();
    expect(() => checkModelConfig(defaultModelConfig('cnn-bigru-attention'))).not.toThrow();
  });
});
