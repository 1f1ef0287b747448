import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDiscriminator, buildGenerator, type GanConfig } from '../../../../../src/main/ml/gan/cgan-models';
import { ganBeatsOf, mixSynthetic } from '../../../../../src/main/ml/gan/gan-data';
import { GAN_CARD_FILE, loadGenerator, saveGenerator, type GanCard } from '../../../../../src/main/ml/gan/gan-store';
import { createGan, ganStep, sampleBatch, synthesiseBeats, trainGan, type GanBeats } from '../../../../../src/main/ml/gan/train-gan';
import { ModelLoadError } from '../../../../../src/main/ml/model-card';
import { ModelConfigError } from '../../../../../src/main/ml/models';
import { createPrng } from '../../../../../src/main/ml/training/prng';
import { centredWindow } from '../../../../../src/main/ml/training/presets';
import { DEFAULT_FILTER } from '../../../../../src/main/datasets/filter-config';
import { RR_FEATURE_COUNT } from '../../../../../src/main/signal/rr-features';
import { syntheticBeats, useCpu } from '../ml-fixtures';

const L = 62; // not a multiple of 4: the generator must crop
const CONFIG: GanConfig = { windowLength: L, classes: ['S', 'V', 'F'], latentDim: 8, filters: 4 };
let dir: string;

beforeAll(async () => {
  await useCpu();
  dir = await mkdtemp(join(tmpdir(), 'ra-gan-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Beats of the three GAN classes: class c is a bump at a class-dependent place. */
function ganBeats(count: number): GanBeats {
  const prng = createPrng(3);
  const windows = new Float32Array(count * L);
  const labels = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 3;
    for (let j = 0; j < L; j++) windows[i * L + j] = Math.exp(-(((j - 15 - 12 * (i % 3)) / 3) ** 2)) + 0.05 * prng.normal();
  }
  return { count, windowLength: L, windows, labels };
}

const values = (model: { getWeights(): tf.Tensor[] }): Float32Array[] => model.getWeights().map((w) => Float32Array.from(w.dataSync()));

describe('buildGenerator', () => {
  it('makes [n, L, 1] beats from (z, label), cropping to L, and refuses a bad config', () => {
    const g = buildGenerator(CONFIG, 1);
    expect(g.outputs[0]!.shape).toEqual([null, L, 1]);
    expect(buildDiscriminator(CONFIG, 2).outputs[0]!.shape).toEqual([null, 1]);
    expect(() => buildGenerator({ ...CONFIG, classes: [] })).toThrow(ModelConfigError);
  });
});

describe('ganStep', { timeout: 120_000 }, () => {
  it('changes both networks\' weights and gives finite losses near their chance values', () => {
    const state = createGan(CONFIG, 5);
    const beats = ganBeats(30);
    const lists = [0, 1, 2].map((c) => [...beats.labels.keys()].filter((i) => beats.labels[i] === c));
    const [g0, d0] = [values(state.generator), values(state.discriminator)];
    const losses = ganStep(state, sampleBatch(beats, lists, 12, state.prng));
    expect(Number.isFinite(losses.discriminator) && Number.isFinite(losses.generator)).toBe(true);
    // BCE of a fresh pair sits near its chance values: D ≈ 2·ln 2 (with the 0.9 target a little more), G ≈ ln 2.
    expect(losses.discriminator).toBeGreaterThan(0.5);
    expect(losses.generator).toBeGreaterThan(0.1);
    const changed = (before: Float32Array[], after: Float32Array[]): boolean => before.some((w, i) => w.some((v, j) => v !== after[i]![j]));
    expect(changed(g0, values(state.generator))).toBe(true);
    expect(changed(d0, values(state.discriminator))).toBe(true);
  });
});

describe('sampleBatch', () => {
  it('draws the classes about equally however rare they are', () => {
    const beats = ganBeats(30);
    beats.labels.fill(0, 0, 27); // 27 beats of class 0, one of class 1, two of class 2
    beats.labels[27] = 1;
    beats.labels[28] = 2;
    beats.labels[29] = 2;
    const lists = [0, 1, 2].map((c) => [...beats.labels.keys()].filter((i) => beats.labels[i] === c));
    const { labels } = sampleBatch(beats, lists, 3000, createPrng(1));
    const share = [0, 1, 2].map((c) => labels.filter((l) => l === c).length / 3000);
    share.forEach((s) => expect(s).toBeGreaterThan(0.28));
  });
});

describe('trainGan', { timeout: 120_000 }, () => {
  it('reports progress with finite mean losses and stops when cancelled', async () => {
    const state = createGan(CONFIG, 6);
    const reports: number[] = [];
    const result = await trainGan(state, ganBeats(30), { steps: 4, batchSize: 6, every: 2, onProgress: (p) => reports.push(p.step) });
    expect(result.steps).toBe(4);
    expect(reports).toEqual([2, 4]);
    expect(Number.isFinite(result.last!.losses.generator)).toBe(true);
    const controller = new AbortController();
    controller.abort();
    expect((await trainGan(state, ganBeats(30), { steps: 4, signal: controller.signal })).steps).toBe(0);
  });
});

describe('saveGenerator', { timeout: 120_000 }, () => {
  it('round-trips a generator that makes the same beats, and refuses a damaged card', async () => {
    const generator = buildGenerator(CONFIG, 7);
    const card: GanCard = {
      format: 'rhythm-attention-beat-gan', formatVersion: 1, config: CONFIG, window: centredWindow(L, L), filter: DEFAULT_FILTER,
      trainRecords: ['101'], beats: [10, 10, 10], steps: 1, batchSize: 6, finalLosses: null, date: new Date().toISOString(), seed: 7,
    };
    const folder = join(dir, 'gen');
    await saveGenerator(folder, generator, card);
    const loaded = await loadGenerator(folder);
    expect(synthesiseBeats(loaded.generator, loaded.card.config, 2, 3, 9)).toEqual(synthesiseBeats(generator, CONFIG, 2, 3, 9));
    await writeFile(join(folder, GAN_CARD_FILE), '{"format": "other"}');
    await expect(loadGenerator(folder)).rejects.toThrow(ModelLoadError);
  });
});

describe('mixSynthetic', () => {
  it('appends synthetic beats of the asked classes with RR features of real beats of the class', () => {
    const train = syntheticBeats(20, L, 2); // classes 0…4 round robin: N S V F Q
    const generator = buildGenerator(CONFIG, 8);
    const mixed = mixSynthetic(train, { generator, config: CONFIG }, ['N', 'S', 'V', 'F', 'Q'], { S: 3, F: 2 }, 4);
    expect(mixed.count).toBe(25);
    expect(Array.from(mixed.classes.subarray(20))).toEqual([1, 1, 1, 3, 3]);
    expect(mixed.windows.subarray(20 * L, 23 * L)).toEqual(synthesiseBeats(generator, CONFIG, 0, 3, 5));
    const realRr = (c: number): string[] => [...train.classes.keys()].filter((i) => train.classes[i] === c).map((i) => train.rr.subarray(i * RR_FEATURE_COUNT, (i + 1) * RR_FEATURE_COUNT).join());
    for (let k = 20; k < 25; k++) expect(realRr(mixed.classes[k]!)).toContain(mixed.rr.subarray(k * RR_FEATURE_COUNT, (k + 1) * RR_FEATURE_COUNT).join());
    expect(() => mixSynthetic(train, { generator, config: CONFIG }, ['N', 'S', 'V', 'F', 'Q'], { Q: 1 })).toThrow(RangeError);
  });
});

describe('ganBeatsOf', () => {
  it('keeps only the GAN classes, relabelled', () => {
    const gan = ganBeatsOf(syntheticBeats(10, L, 1), ['N', 'S', 'V', 'F', 'Q'], ['S', 'V', 'F']);
    expect(Array.from(gan.labels)).toEqual([0, 1, 2, 0, 1, 2]);
  });
});
