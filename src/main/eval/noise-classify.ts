/**
 * Beat classification of a noisy excerpt for the noise stress test, through the same loader
 * (../datasets `loadRecordBeats`: the card's filter, windows and RR features, detections
 * matched to reference beats within 150 ms) and classifier (../ml `classifyBeats`) as
 * `evaluate --detector`, but fed the noisy leads in memory instead of the files.
 *
 * Scored: the beats from `fromSample` on (the detector's learning period is not scored
 * either), minus, with a quality gate, the reference beats inside its noise segments (they
 * are excluded, as the gate declares that stretch unreadable). The gated run drops the
 * detections inside the segments before the RR features are computed, as the analysis
 * would, without intervals across a segment (../signal/quality `rrFeaturesAcrossGaps`);
 * windows are the same as the ungated run's.
 */
import { AAMI_CLASSES, aamiIndexOf, loadRecordBeats, matchBeats, type BeatSet, type RecordReaders } from '../datasets';
import { classifyBeats } from '../ml/inference';
import { gatherRows } from '../ml/training/data';
import type { LoadedModel } from '../ml/model-store';
import { addToConfusion, emptyConfusion, type ConfusionMatrix } from '../ml/evaluation/confusion';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import { inNoise, rrFeaturesAcrossGaps, type NoiseSegment } from '../signal/quality';
import type { RecordExcerpt } from './noise-record';

/** Readers that serve the excerpt's (noisy) lead and annotations from memory. */
function memoryReaders(excerpt: RecordExcerpt, leads: readonly Float64Array[]): RecordReaders {
  return {
    readLead: async (_headerPath, choose) => {
      const index = choose(excerpt.leadNames);
      return { signal: leads[index]!, fs: excerpt.fs, samplesPerFrame: 1, lead: { index, name: excerpt.leadNames[index]! } };
    },
    readAnnotations: async () => excerpt.annotations.map(({ sample, symbol }) => ({ sample, symbol })),
    fingerprint: async () => 'memory',
  };
}

/** Reference AAMI beats of the excerpt: samples and class indices. */
function referenceOf(excerpt: RecordExcerpt): { samples: Int32Array; classes: Int8Array } {
  const beats = excerpt.annotations.filter((a) => aamiIndexOf(a.symbol) >= 0).sort((a, b) => a.sample - b.sample);
  return { samples: Int32Array.from(beats, (a) => a.sample), classes: Int8Array.from(beats, (a) => aamiIndexOf(a.symbol)) };
}

/** Adds the beats `pick` selects of `set` (classified with `rr`) and its misses to `matrix`. */
function score(
  loaded: LoadedModel, set: BeatSet, pick: number[], rr: Float32Array, classes: Int8Array,
  missed: number[], matrix: ConfusionMatrix,
): void {
  const L = set.windowLength;
  const beats = {
    windows: gatherRows(set.windows, L, pick),
    differences: set.differences === null ? null : gatherRows(set.differences, L, pick),
    rr: rr.subarray(0, pick.length * RR_FEATURE_COUNT),
  };
  const predicted = pick.length > 0 ? classifyBeats(loaded, beats).classes : new Int8Array(0);
  const perClass = AAMI_CLASSES.map(() => 0);
  for (const c of missed) perClass[c]! += 1;
  addToConfusion(matrix, Int8Array.from(pick, (_, k) => classes[k]!), predicted, perClass);
}

/** Confusion matrices of one noisy excerpt: without and with the quality gate. */
export interface NoisyClassification {
  raw: ConfusionMatrix;
  gated: ConfusionMatrix;
}

/**
 * Classifies the detections `detections` of `leads` (the excerpt's leads, noisy) and scores
 * them from `fromSample` on, ungated and gated by `segments` (see the file header).
 * @throws RangeError for a model not over the AAMI classes.
 */
export async function classifyNoisy(
  loaded: LoadedModel, excerpt: RecordExcerpt, leads: readonly Float64Array[],
  detections: Int32Array, segments: readonly NoiseSegment[], fromSample: number,
): Promise<NoisyClassification> {
  const { card } = loaded;
  if (card.model.classes.join() !== AAMI_CLASSES.join()) throw new RangeError(`noise test needs a model of the AAMI classes, not ${card.model.classes.join(' ')}`);
  const { fs } = excerpt;
  const set = await loadRecordBeats(excerpt.record, {
    dataDir: '', window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {},
    readers: memoryReaders(excerpt, leads), source: { kind: 'detector', detect: () => detections },
  });
  const raw = emptyConfusion(AAMI_CLASSES);
  const pickRaw = [...set.samples.keys()].filter((i) => set.samples[i]! >= fromSample);
  const rrRaw = new Float32Array(pickRaw.length * RR_FEATURE_COUNT);
  pickRaw.forEach((i, k) => rrRaw.set(set.rr.subarray(i * RR_FEATURE_COUNT, (i + 1) * RR_FEATURE_COUNT), k * RR_FEATURE_COUNT));
  const missedRaw = set.missed.filter((m) => m.sample >= fromSample).map((m) => AAMI_CLASSES.indexOf(m.aami));
  score(loaded, set, pickRaw, rrRaw, Int8Array.from(pickRaw, (i) => set.classes[i]!), missedRaw, raw);

  // Gated: the detections outside the segments, re-matched, RR features within the clean runs.
  const outside = (s: number): boolean => !inNoise(segments, s / fs);
  const keptIdx = [...set.samples.keys()].filter((i) => outside(set.samples[i]!));
  const keptSamples = Int32Array.from(keptIdx, (i) => set.samples[i]!);
  const reference = referenceOf(excerpt);
  const match = matchBeats(reference.samples, keptSamples, Math.round(0.15 * fs));
  const rrAll = rrFeaturesAcrossGaps(keptSamples, segments, fs, card.input.rr?.options ?? {});
  const scored = [...keptIdx.keys()].filter((k) => keptSamples[k]! >= fromSample);
  const rrGated = new Float32Array(scored.length * RR_FEATURE_COUNT);
  scored.forEach((k, j) => rrGated.set(rrAll.subarray(k * RR_FEATURE_COUNT, (k + 1) * RR_FEATURE_COUNT), j * RR_FEATURE_COUNT));
  const gatedClasses = Int8Array.from(scored, (k) => (match.referenceOf[k]! >= 0 ? reference.classes[match.referenceOf[k]!]! : -1));
  const missedGated = Array.from(match.missed)
    .filter((r) => reference.samples[r]! >= fromSample && outside(reference.samples[r]!))
    .map((r) => reference.classes[r]!);
  const gated = emptyConfusion(AAMI_CLASSES);
  score(loaded, set, scored.map((k) => keptIdx[k]!), rrGated, gatedClasses, missedGated, gated);
  return { raw, gated };
}
