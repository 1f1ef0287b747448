/**
 * Patient adaptation on real MIT-BIH data (../shared/data/mitdb), small enough for CI: one DS2
 * record, the reference labels of its first 5 minutes as the reviewed beats, two epochs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ADAPT, evaluatePatient, readReplaySample, replayBeats, startAdaptation } from '../../../src/main/adaptation';
import { DEFAULT_BEAT_CACHE_DIR, loadRecordBeats } from '../../../src/main/datasets';
import { selectBackend } from '../../../src/main/ml/backend/select';
import { metricsOf } from '../../../src/main/ml/evaluation/confusion';
import { loadModel, readModelCard, type LoadedModel } from '../../../src/main/ml/model-store';
import { repoRoot } from '../../../src/main/repo-root';

const ROOT = repoRoot();
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const MODEL = resolve(ROOT, 'models/rhythm-attention-default');
const RECORD = '232'; // DS2; many S beats (A) the unadapted model confuses with N

let base: LoadedModel;
beforeAll(async () => {
  await selectBackend('wasm');
  base = await loadModel(MODEL);
});

describe('evaluatePatient', () => {
  it('changes the predictions of the untouched 25 minutes and raises their accuracy, within 60 s', async () => {
    const started = performance.now();
    const sample = await readReplaySample(MODEL);
    expect(sample?.header.count).toBeGreaterThan(3000);
    const result = await evaluatePatient(base, RECORD, { dataDir: MITDB, cacheDir: resolve(ROOT, DEFAULT_BEAT_CACHE_DIR), settings: { ...DEFAULT_ADAPT, epochs: 2 }, replay: replayBeats(sample!) });
    const seconds = (performance.now() - started) / 1000;
    expect(result.reviewedBeats).toBeGreaterThan(200);
    expect(result.reviewedBeats + result.testBeats).toBe((await loadRecordBeats(RECORD, { dataDir: MITDB, window: base.card.input.window, filter: base.card.input.filter, cacheDir: resolve(ROOT, DEFAULT_BEAT_CACHE_DIR) })).count);
    expect(result.changed).toBeGreaterThan(0);
    expect(metricsOf(result.adapted).accuracy!).toBeGreaterThan(metricsOf(result.base).accuracy!);
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});

describe('startAdaptation', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'adapt-'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('tunes a copy in a worker, re-classifies every beat and saves the model with a card saying what it was adapted on', async () => {
    const set = await loadRecordBeats(RECORD, { dataDir: MITDB, window: base.card.input.window, filter: base.card.input.filter, cacheDir: resolve(ROOT, DEFAULT_BEAT_CACHE_DIR) });
    const labels = Int8Array.from(set.classes, (c, i) => (set.samples[i]! < 300 * set.fs ? c : -1));
    const progress: number[] = [];
    const outDir = join(out, 'adapted-1');
    const outcome = await startAdaptation(
      { headerPath: join(MITDB, `${RECORD}.hea`), baseModelDir: MODEL, outDir, backend: 'wasm', frames: set.samples, ids: Int32Array.from(set.samples, (_, i) => i), labels, settings: { epochs: 1 }, recordName: RECORD, reviewer: 'Dr Test' },
      (p) => progress.push(p.fraction),
    ).done;
    expect(outcome.state).toBe('done');
    expect(outcome.probabilities.length).toBe(set.count * 5);
    expect(outcome.reviewedCounts.reduce((a, b) => a + b, 0)).toBe(labels.filter((l) => l >= 0).length);
    expect(progress.at(-1)).toBeGreaterThan(0.8);
    const card = await readModelCard(outDir);
    expect(card.calibration).toBeUndefined();
    const raw = JSON.parse(await readFile(join(outDir, 'model-card.json'), 'utf8')) as { adaptation: { recording: string; reviewedBeats: Record<string, number>; replayBeats: number; epochs: number; baseModel: { name: string } } };
    expect(raw.adaptation).toMatchObject({ recording: RECORD, epochs: 1, baseModel: { name: 'rhythm-attention-default' } });
    expect(raw.adaptation.reviewedBeats['S']).toBe(labels.filter((l) => l === 1).length);
    expect(raw.adaptation.replayBeats).toBeGreaterThan(0);
    const adapted = await loadModel(outDir);
    adapted.model.dispose();
  }, 120_000);
});
