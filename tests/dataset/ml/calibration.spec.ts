/**
 * The shipped default model's calibration (issue 9): its card holds a temperature fitted on
 * its DS1 validation records, and fitting again from those records' reference beats gives
 * the same temperature (the reproducibility check) and a lower validation ECE than T = 1.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BEAT_CACHE_DIR } from '../../../src/main/datasets';
import { calibrateModel, loadModel, selectBackend, type LoadedModel } from '../../../src/main/ml';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const MODEL_DIR = resolve(ROOT, 'models/rhythm-attention-default');

describe('calibrateModel (shipped model)', () => {
  let loaded: LoadedModel;
  beforeAll(async () => {
    await selectBackend('wasm');
    loaded = await loadModel(MODEL_DIR);
  });

  it("re-fits the card's temperature to within 1e-3 from its validation records, with a lower ECE after than before", async () => {
    const stored = loaded.card.calibration;
    expect(stored?.method).toBe('temperature');
    expect(stored!.fittedOn).toEqual(loaded.card.training.validationRecords);
    expect(stored!.validationEce.after).toBeLessThan(stored!.validationEce.before);

    const refit = await calibrateModel(loaded, { dataDir: MITDB, records: stored!.fittedOn, cacheDir: resolve(ROOT, DEFAULT_BEAT_CACHE_DIR) });
    expect(Math.abs(refit.fit.temperature - stored!.temperature)).toBeLessThan(1e-3);
    expect(refit.fit.beats).toBe(stored!.beats);
    expect(refit.after.ece).toBeLessThan(refit.before.ece);
    expect(refit.before.ece).toBeCloseTo(stored!.validationEce.before, 3);
    expect(refit.after.ece).toBeCloseTo(stored!.validationEce.after, 3);
    expect(refit.fit.nll.after).toBeLessThan(refit.fit.nll.before);
  });
});
