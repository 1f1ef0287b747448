/**
 * Smoke test of the whole training path on real MIT-BIH beats: a short RhythmAttention run
 * in the worker on the wasm backend (3 DS1 records thinned to 120 beats each, rare classes
 * kept; one DS1 record for validation; 2 epochs), then the saved model loaded back and
 * used on the DS2 beats of record 100. Any accuracy passes — it is a smoke test — but the
 * loss must fall, the progress must arrive in order, and the confusion matrix must account
 * for every beat given.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecordBeats } from '../../src/main/datasets';
import { evaluateBeatSet } from '../../src/main/ml/evaluation/evaluate';
import { loadModel } from '../../src/main/ml/model-store';
import { modelAndWindow } from '../../src/main/ml/training/presets';
import type { BatchEvent, EpochEvent, TrainingEvent } from '../../src/main/ml/training/progress';
import { trainInWorker } from '../../src/main/ml/training/run-worker';
import { trainingSettings } from '../../src/main/ml/training/settings';
import { DEFAULT_FILTER } from '../../src/main/datasets/filter-config';
import { selectBackend } from '../../src/main/ml/backend/select';
import { useTempDir } from '../support/temp-dir';
import { RR_FEATURE_COUNT } from '../../src/main/signal/rr-features';

const ROOT = resolve(__dirname, '../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const outDir = useTempDir('ra-ml-smoke-', 'suite');

describe('training in the worker on DS1 beats (smoke)', () => {
  it('trains, saves a model that loads, and classifies DS2 beats of record 100', async () => {
    const { model, window } = modelAndWindow('rhythm-attention', 'model', true);
    const events: TrainingEvent[] = [];
    const started = performance.now();
    const result = await trainInWorker(
      {
        name: 'smoke',
        model,
        settings: trainingSettings({ epochs: 2, batchSize: 64, stepsPerEpoch: 5, patience: null, warmupEpochs: 0 }),
        data: {
          dataDir: MITDB, cacheDir: resolve(ROOT, '.cache/beats'), trainRecords: ['201', '208', '209'], validationRecords: ['118'],
          split: 'smoke test', window, filter: DEFAULT_FILTER, rr: {}, maxBeatsPerRecord: 120,
        },
        outDir: outDir(),
        resume: false,
        backend: 'wasm',
      },
      { onEvent: (e) => events.push(e) },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ status: 'completed', epochsDone: 2, backend: 'wasm' });
    expect(seconds).toBeLessThan(60);

    // Progress in order: start, then epoch 1's batches 1…5, epoch 1, epoch 2's batches, epoch 2.
    const batches = events.filter((e): e is BatchEvent => e.type === 'batch');
    expect(events[0]!.type).toBe('start');
    expect(batches.map((b) => `${b.epoch}.${b.batch}`)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5']);
    const epochs = events.filter((e): e is EpochEvent => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(batches[0]!.beatsPerSec).toBeGreaterThan(0);

    // The loss falls: the last epoch's mean below the first batch's.
    expect(result.history[1]!.trainLoss).toBeLessThan(batches[0]!.loss);

    // The best model loads with its card and classifies record 100's reference beats.
    await selectBackend('wasm');
    const loaded = await loadModel(result.bestDir!, { windowLength: model.windowLength, classes: ['N', 'S', 'V', 'F', 'Q'] });
    expect(loaded.card.training.trainRecords).toEqual(['201', '208', '209']);
    const beats = await loadRecordBeats('100', { dataDir: MITDB, window: loaded.card.input.window, filter: loaded.card.input.filter, rr: {} });
    const some = { ...beats, count: 300, windows: beats.windows.subarray(0, 300 * beats.windowLength), rr: beats.rr.subarray(0, 300 * RR_FEATURE_COUNT), classes: beats.classes.subarray(0, 300) };
    const matrix = evaluateBeatSet(loaded, some);
    expect(matrix.counts.flat().reduce((a, b) => a + b, 0)).toBe(300);
    loaded.model.dispose();
  });
});
