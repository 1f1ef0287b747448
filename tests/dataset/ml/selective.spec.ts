/**
 * Selective review on two DS2 records with the shipped model (issue 9): the curve at 100 %
 * coverage is the plain evaluation of the same beats, every curve accepts the asked share of
 * beats, the MC dropout figures are in range, and the MC passes leave the model's batch-norm
 * statistics as they were.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BEAT_CACHE_DIR } from '../../../src/main/datasets';
import { evaluateModel, loadModel, selectBackend, type LoadedModel } from '../../../src/main/ml';
import { selectiveEvaluation } from '../../../src/main/ml/evaluation/selective-run';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const MODEL_DIR = resolve(ROOT, 'models/rhythm-attention-default');
const RECORDS = ['100', '117'];
const CACHE = resolve(ROOT, DEFAULT_BEAT_CACHE_DIR);

describe('selectiveEvaluation (shipped model, DS2 records 100 and 117)', () => {
  let loaded: LoadedModel;
  beforeAll(async () => {
    await selectBackend('wasm');
    loaded = await loadModel(MODEL_DIR);
  });

  it('matches evaluateModel at 100 % coverage, accepts the asked share at each coverage and keeps batch norm intact', async () => {
    const statistics = (): number[][] => loaded.model.weights.filter((w) => /moving_/.test(w.originalName)).map((w) => Array.from(w.read().dataSync()));
    const before = statistics();
    const result = await selectiveEvaluation(loaded, { dataDir: MITDB, records: RECORDS, cacheDir: CACHE, passes: 3 });
    expect(statistics()).toEqual(before);

    const plain = await evaluateModel(loaded, { dataDir: MITDB, records: RECORDS, cacheDir: CACHE });
    const n = result.beats.reference.length;
    expect(n).toBe(plain.metrics.total);
    expect(Object.keys(result.curves).sort()).toEqual(['max-prob', 'mc-entropy', 'mc-max-prob', 'mc-mutual-info']);
    for (const curve of Object.values(result.curves)) {
      const full = curve.find((p) => p.coverage === 1)!;
      expect(full.accepted).toBe(n);
      expect(full.metrics.accuracy).toBe(plain.metrics.accuracy);
      expect(full.metrics.perClass.map((m) => m.f1)).toEqual(plain.metrics.perClass.map((m) => m.f1));
      curve.forEach((p, i) => {
        expect(p.accepted).toBe(Math.round(p.coverage * n));
        expect(p.metrics.total).toBe(p.accepted);
        if (i > 0) expect(p.threshold!).toBeLessThanOrEqual(curve[i - 1]!.threshold!);
      });
    }
    const { entropy, 'mc-mutual-info': mi } = { entropy: result.beats.scores['mc-entropy']!, 'mc-mutual-info': result.beats.scores['mc-mutual-info']! };
    for (let i = 0; i < n; i++) {
      expect(entropy[i]).toBeGreaterThanOrEqual(0);
      expect(entropy[i]).toBeLessThanOrEqual(Math.log(5) + 1e-6);
      expect(mi[i]).toBeLessThanOrEqual(entropy[i]! + 1e-6);
    }
    const under = result.thresholds.map((t) => t.under);
    under.forEach((u, i) => expect(u).toBeGreaterThanOrEqual(i > 0 ? under[i - 1]! : 0));
    expect(under[0]).toBe(Array.from(result.beats.confidence).filter((c) => c < 0.5).length);
  }, 240_000);
});
