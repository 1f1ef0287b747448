/**
 * Noise stress test of the detector and the classifier (`npm run eval:noise`), on MIT-BIH
 * records in memory (DS2 by default; nothing is written):
 *
 * 1. Each record's first `minutes` (default 15) of both ECG leads (./noise-record).
 * 2. Noise of each type (../signal/noise) mixed in at each SNR (nst's definition) during the
 *    noisy segments of nst's standard protocol: clean learning period 0–5 min, then 2 min
 *    noisy / 2 min clean in turn (5–7, 9–11, 13–15 min noisy). Plus one clean run.
 * 3. Detection on both noisy leads (../signal/qrs `detectQrs`), scored as bxb from 5 min on
 *    (../signal/bxb `compareBeats`, 150 ms window) over the whole scored stretch, noisy and
 *    clean segments alike, as bxb scores nst's output records.
 * 4. The quality gate (../signal/quality `markNoise`) on the noisy leads; gated scores drop
 *    the detections inside its segments AND exclude the reference beats there (the gate
 *    declares those stretches unreadable; how much it declares is reported beside).
 * 5. The model's classification of the detected beats (./noise-classify), ungated and gated.
 */
import { isBeatCode } from '../wfdb';
import { compareBeats } from '../signal/bxb';
import { detectQrs } from '../signal/qrs';
import { nstProtocol, type NoiseType, type TimeSpan } from '../signal/noise';
import { dropBeatsInNoise, inNoise, markNoise, secondsInNoise, type NoiseSegment } from '../signal/quality';
import type { LoadedModel } from '../ml/model-store';
import { AAMI_CLASSES } from '../datasets';
import { emptyConfusion, sumConfusion, type ConfusionMatrix } from '../ml/evaluation/confusion';
import { excerptNoise, readExcerpt, stressLeads, type RecordExcerpt } from './noise-record';
import { classifyNoisy } from './noise-classify';

/** One test condition: a noise type at an SNR, or the clean recording. */
export type NoiseCondition = { type: 'clean' } | { type: NoiseType; snrDb: number };

/** Counts of one condition, added up over records. */
export interface ConditionTally {
  condition: NoiseCondition;
  /** bxb counts without and with the gate. */
  raw: { tp: number; fn: number; fp: number };
  gated: { tp: number; fn: number; fp: number };
  /** Scored seconds inside / outside the protocol's noisy segments, and how much of each the gate marked. */
  noisySec: number;
  cleanSec: number;
  markedNoisySec: number;
  markedCleanSec: number;
  /** Scored reference beats, and those outside the gate's segments. */
  referenceBeats: number;
  keptReferenceBeats: number;
  /** Classification confusion matrices (null when no model was given). */
  classesRaw: ConfusionMatrix | null;
  classesGated: ConfusionMatrix | null;
}

/** Options of {@link evaluateNoise}. */
export interface NoiseEvalOptions {
  dataDir: string;
  records: readonly string[];
  conditions: readonly NoiseCondition[];
  minutes?: number;
  seed?: number;
  /** The classifier; without it only detection is scored. */
  loaded?: LoadedModel;
  onRecord?: (record: string, seconds: number) => void;
}

/** Scoring starts here, as bxb's default (the detector's learning period). */
export const SCORE_FROM_SEC = 300;

function emptyTally(condition: NoiseCondition, withModel: boolean): ConditionTally {
  return {
    condition, raw: { tp: 0, fn: 0, fp: 0 }, gated: { tp: 0, fn: 0, fp: 0 },
    noisySec: 0, cleanSec: 0, markedNoisySec: 0, markedCleanSec: 0, referenceBeats: 0, keptReferenceBeats: 0,
    classesRaw: withModel ? emptyConfusion(AAMI_CLASSES) : null, classesGated: withModel ? emptyConfusion(AAMI_CLASSES) : null,
  };
}

/** Seconds of `spans` ∩ `segments` within [from, to). */
function overlapSec(spans: readonly TimeSpan[], segments: readonly NoiseSegment[], from: number, to: number): number {
  return spans.reduce((s, span) => s + secondsInNoise(segments, Math.max(from, span.startSec), Math.min(to, span.endSec)), 0);
}

/** Scores one condition of one record into `tally`. */
async function runCondition(
  excerpt: RecordExcerpt, tally: ConditionTally, spans: readonly TimeSpan[], noiseOf: (type: NoiseType) => Float64Array[], options: NoiseEvalOptions,
): Promise<void> {
  const { fs, length } = excerpt;
  const { condition } = tally;
  const leads = condition.type === 'clean' ? excerpt.leads : stressLeads(excerpt, noiseOf(condition.type), condition.snrDb, spans).leads;
  const detections = detectQrs(leads, fs).samples;
  const segments = markNoise(leads, fs);
  const bxb = { fs, startSec: SCORE_FROM_SEC, recordLength: length };
  const raw = compareBeats(excerpt.annotations, detections, bxb);
  const outside = excerpt.annotations.filter((a) => !(isBeatCode(a.code) && inNoise(segments, a.sample / fs)));
  const gated = compareBeats(outside, dropBeatsInNoise(detections, segments, fs), bxb);
  for (const [into, from] of [[tally.raw, raw], [tally.gated, gated]] as const) {
    into.tp += from.truePositives; into.fn += from.falseNegatives; into.fp += from.falsePositives;
  }
  const durationSec = length / fs;
  const noisySec = spans.reduce((s, x) => s + Math.max(0, Math.min(durationSec, x.endSec) - Math.max(SCORE_FROM_SEC, x.startSec)), 0);
  const markedNoisy = overlapSec(spans, segments, SCORE_FROM_SEC, durationSec);
  tally.noisySec += noisySec;
  tally.cleanSec += Math.max(0, durationSec - SCORE_FROM_SEC) - noisySec;
  tally.markedNoisySec += markedNoisy;
  tally.markedCleanSec += secondsInNoise(segments, SCORE_FROM_SEC, durationSec) - markedNoisy;
  tally.referenceBeats += raw.referenceBeats;
  tally.keptReferenceBeats += gated.referenceBeats;
  if (options.loaded !== undefined && tally.classesRaw !== null && tally.classesGated !== null) {
    const c = await classifyNoisy(options.loaded, excerpt, leads, detections, segments, Math.round(SCORE_FROM_SEC * fs));
    tally.classesRaw = sumConfusion([tally.classesRaw, c.raw]);
    tally.classesGated = sumConfusion([tally.classesGated, c.gated]);
  }
}

/**
 * Runs every condition on every record (see the file header), record by record so that one
 * record's leads are in memory at a time.
 * @returns one tally per condition, in `options.conditions` order.
 * @throws WfdbError for an unreadable record; RangeError for excerpts shorter than 5 minutes.
 */
export async function evaluateNoise(options: NoiseEvalOptions): Promise<ConditionTally[]> {
  const minutes = options.minutes ?? 15;
  if (!(minutes * 60 > SCORE_FROM_SEC)) throw new RangeError(`noise test: ${minutes} minutes leave nothing to score after the 5-minute learning period`);
  const tallies = options.conditions.map((c) => emptyTally(c, options.loaded !== undefined));
  for (const record of options.records) {
    const started = performance.now();
    const excerpt = await readExcerpt(options.dataDir, record, minutes);
    const spans = nstProtocol(excerpt.length / excerpt.fs);
    // One noise per type and record, reused at every SNR (only the gain differs).
    const noises = new Map<NoiseType, Float64Array[]>();
    const noiseOf = (type: NoiseType): Float64Array[] => {
      if (!noises.has(type)) noises.set(type, excerptNoise(excerpt, type, options.seed ?? 1));
      return noises.get(type)!;
    };
    for (const tally of tallies) await runCondition(excerpt, tally, spans, noiseOf, options);
    options.onRecord?.(record, (performance.now() - started) / 1000);
  }
  return tallies;
}
