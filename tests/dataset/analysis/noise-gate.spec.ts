/**
 * The signal-quality gate in the app's analysis (issue 11): the first 5 minutes of DS2
 * record 100 written as a temp WFDB record, clean and with synthetic electrode-motion noise
 * at −6 dB over 2:00–3:00 (tests/support/noisy-record: the noise eval:noise mixes). The
 * analysis worker marks the noisy stretch and sends it with its chunks, keeps no beat inside
 * it, and finds the same beats as in the clean record elsewhere; `predictRecord` (what the
 * shipped evaluation runs) gates the same way, so it still equals the worker.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAnalysisWorkers, type AnalysisRequest } from '../../../src/main/analysis';
import { matchBeats } from '../../../src/main/datasets';
import { loadModel, predictRecord, selectBackend, type RecordPrediction } from '../../../src/main/ml';
import { inNoise, mergeSegments, secondsInNoise } from '../../../src/main/signal/quality';
import { useTempDir } from '../../support/temp-dir';
import { writeNoisyPair, type NoisyPair } from '../../support/noisy-record';
import { collectRun, type CollectedRun } from './analysis-run';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const MODEL_DIR = resolve(ROOT, 'models/rhythm-attention-default');
const FS = 360;
const NOISY = { startSec: 120, endSec: 180 };
const request = (headerPath: string): AnalysisRequest => ({ headerPath, modelDir: MODEL_DIR, backend: 'wasm' });

describe('analyseRecord with the quality gate', () => {
  const temp = useTempDir('noise-gate-', 'suite');
  let pair: NoisyPair;
  let clean: CollectedRun;
  let noisy: CollectedRun;
  let predicted: RecordPrediction;
  const segmentsOf = (run: CollectedRun) => mergeSegments(run.chunks.flatMap((c) => c.noise ?? []));

  beforeAll(async () => {
    pair = await writeNoisyPair(temp(), { dataDir: MITDB, record: '100', minutes: 5, noisy: NOISY, snrDb: -6 });
    clean = await collectRun(request(pair.clean));
    noisy = await collectRun(request(pair.noisy));
    await selectBackend('wasm');
    const loaded = await loadModel(MODEL_DIR);
    predicted = await predictRecord(pair.noisy, loaded);
    loaded.model.dispose();
  }, 180_000);
  afterAll(() => disposeAnalysisWorkers());

  it('marks most of the noisy stretch as noise and next to nothing of the clean time', () => {
    const segments = segmentsOf(noisy);
    expect(secondsInNoise(segments, NOISY.startSec, NOISY.endSec)).toBeGreaterThan(50);
    // eval:noise marks 0.1 % of clean DS2 time; here at most one 2-s window on each side of the ramps.
    expect(secondsInNoise(segments) - secondsInNoise(segments, NOISY.startSec, NOISY.endSec)).toBeLessThanOrEqual(4);
    expect(segmentsOf(clean)).toEqual([]);
  });

  it('sends each noise segment with the chunk whose span holds it', () => {
    let fromSec = 0;
    for (const chunk of noisy.chunks) {
      for (const s of chunk.noise ?? []) {
        expect(s.startSec).toBeGreaterThanOrEqual(fromSec);
        expect(s.endSec).toBeLessThanOrEqual(chunk.analysedSec);
      }
      fromSec = chunk.analysedSec;
    }
  });

  it('keeps no beat inside a noise segment', () => {
    const segments = segmentsOf(noisy);
    expect(noisy.samples.filter((s) => inNoise(segments, s / FS))).toEqual([]);
    // The clean record has about 70 beats in that minute; the noisy one keeps only those the gate left unmarked.
    const inSpan = (samples: number[]) => samples.filter((s) => s >= NOISY.startSec * FS && s < NOISY.endSec * FS).length;
    expect(inSpan(clean.samples)).toBeGreaterThan(60);
    expect(inSpan(noisy.samples)).toBeLessThan(inSpan(clean.samples) / 5);
  });

  it('finds the clean record\'s beats outside the noise, within the detector\'s 150-ms tolerance', () => {
    const segments = segmentsOf(noisy);
    // Outside the noisy stretch and its 0.5-s ramps.
    const outside = (samples: number[]) => Int32Array.from(samples.filter((s) => s < (NOISY.startSec - 0.5) * FS || s >= (NOISY.endSec + 0.5) * FS));
    const reference = outside(clean.samples);
    const match = matchBeats(reference, outside(noisy.samples), Math.round(0.15 * FS));
    const missed = Array.from(match.missed).filter((r) => !inNoise(segments, reference[r]! / FS));
    expect(reference.length).toBeGreaterThan(250);
    expect(missed).toEqual([]);
    expect(Array.from(match.referenceOf).filter((r) => r < 0)).toEqual([]);
  });

  it('gives what predictRecord gives for the noisy record: the same noise, beats and probabilities', () => {
    expect(predicted.noise).toEqual(segmentsOf(noisy));
    expect(noisy.samples).toEqual([...predicted.beats.samples]);
    let maxDiff = 0;
    noisy.probabilities.forEach((p, i) => (maxDiff = Math.max(maxDiff, Math.abs(p - predicted.result.probabilities[i]!))));
    expect(maxDiff).toBeLessThan(1e-5);
  });
});
