/**
 * `npm run build:replay [-- <model folder>]`: builds the replay sample (./replay-sample) of a
 * model from MIT-BIH DS1 in ../shared/data/mitdb — the reference beats of the model's own
 * training records (its card's `trainRecords`, so the DS1 validation records stay unseen for
 * choosing the adaptation's settings), windowed and filtered as its card says, a stratified
 * draw per class ({@link REPLAY_QUOTA}, all of a class when it has fewer), spread over the
 * records at random (seeded), and writes `<model folder>/replay-ds1.bin`.
 * Default folder: models/rhythm-attention-default.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_BEAT_CACHE_DIR, loadRecords, type BeatSet } from '../datasets';
import { readModelCard } from '../ml/model-store';
import { gatherBeats } from '../ml/training/data';
import { createPrng, shuffleInPlace } from '../ml/training/prng';
import { repoRoot } from '../repo-root';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import { encodeReplay, REPLAY_FILE, REPLAY_VERSION, type ReplaySample } from './replay-sample';

/** Beats drawn per class N S V F Q (DS1 training records hold 37,548 / 741 / 3,181 / 385 / 8). */
export const REPLAY_QUOTA: readonly number[] = Object.freeze([2000, 750, 800, 400, 8]);
/** Window values are stored as round(value × 2048): ±16 SD at 0.0005 resolution. */
export const REPLAY_SCALE = 2048;

/** Indices (set, beat) of a stratified draw of `quota[c]` beats of each class from `sets`. */
export function drawReplay(sets: readonly BeatSet[], quota: readonly number[], seed: number): [number, number][] {
  const byClass = quota.map((): [number, number][] => []);
  sets.forEach((set, s) => {
    for (let i = 0; i < set.count; i++) byClass[set.classes[i]!]?.push([s, i]);
  });
  const prng = createPrng(seed);
  return byClass.flatMap((list, c) => shuffleInPlace(list, prng).slice(0, quota[c]!));
}

/** The replay sample of the beats `picks` of `sets`. */
export function replayOf(sets: readonly BeatSet[], picks: readonly [number, number][], meta: Pick<ReplaySample['header'], 'records' | 'source' | 'license'>): ReplaySample {
  const L = sets[0]?.windowLength ?? 0;
  const { count, windows, differences, rr, classes } = gatherBeats(sets, picks);
  const classCounts = [0, 0, 0, 0, 0];
  for (const c of classes) classCounts[c]! += 1;
  const header = { version: REPLAY_VERSION, count, windowLength: L, windowRateHz: sets[0]?.windowRateHz ?? 0, rrCount: RR_FEATURE_COUNT, scale: REPLAY_SCALE, classCounts, ...meta };
  return { header, windows, differences, rr, classes };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const modelDir = resolve(root, process.argv[2] ?? 'models/rhythm-attention-default');
  const card = await readModelCard(modelDir);
  const records = card.training.trainRecords;
  const sets = await loadRecords(records, {
    dataDir: resolve(root, '../shared/data/mitdb'),
    window: card.input.window,
    filter: card.input.filter,
    rr: card.input.rr?.options ?? {},
    cacheDir: resolve(root, DEFAULT_BEAT_CACHE_DIR),
  });
  const sample = replayOf(sets, drawReplay(sets, REPLAY_QUOTA, 42), {
    records,
    source: 'MIT-BIH Arrhythmia Database 1.0.0 (doi:10.13026/C2F305), DS1 training records, reference beats',
    license: 'ODC-By 1.0',
  });
  const bytes = encodeReplay(sample);
  await writeFile(join(modelDir, REPLAY_FILE), bytes);
  console.log(`${join(modelDir, REPLAY_FILE)}: ${sample.header.count} beats (N S V F Q ${sample.header.classCounts.join(' / ')}), ${(bytes.length / 1024).toFixed(0)} KB`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]).endsWith(join('adaptation', 'build-replay.ts'))) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
