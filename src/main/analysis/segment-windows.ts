/**
 * Model-input windows for some beats of a record, cut from a segment of the lead rather
 * than from the whole record, so that the analysis can go chunk by chunk (and the attention
 * heatmap can window the visible beats alone) with memory bounded by the segment.
 *
 * The same steps as the MIT-BIH loader (../datasets/mitdb `loadRecordBeats`, which the
 * model was trained and evaluated with): the lead `chooseLead` picks (MLII, else the first
 * signal), filtered as the card says (../datasets/filter-config `applyFilter`), windows cut
 * by ../signal/beat-windows `extractBeatWindows`. Only the extent differs, and the segment is
 * chosen so that this changes nothing beyond float rounding:
 * - margins of {@link SEGMENT_MARGIN_SEC} on each side: the median baseline filter looks
 *   ±0.4 s around a sample, the window ±0.5 s, the resampling kernel 10 zero crossings of the
 *   model rate (56 ms at 180 Hz), and the zero-phase low-pass's transient dies out within a
 *   fraction of a second; at a record end the segment ends where the record does, so the
 *   edge padding is the loader's;
 * - the segment starts on a frame where the model-rate grid of the segment and of the whole
 *   record coincide (resample puts output j at input position j × fs / rate from the first
 *   input sample), so each R peak rounds to the same model-rate sample in both.
 * - with neighbour differences (../signal/neighbour-difference), the beats on each side that
 *   a beat's neighbours may come from (2 × neighbours: near a record's end the neighbours
 *   slide inward) are cut too, so each beat meets the neighbours the loader gives it.
 * This holds for 'centred' windows (every shipped model). 'rr-scaled' windows (the Kaggle
 * recipe of seeds 000/001) take their span and min–max from every beat of a 10-s block
 * aligned on the record start, so cut from a segment they are close to the loader's, not equal.
 */
import { chooseLead } from '../datasets/mitdb';
import { applyFilter, type FilterConfig } from '../datasets/filter-config';
import { gatherRows } from '../ml/training/data';
import { extractBeatWindows, type BeatWindowConfig } from '../signal/beat-windows';
import type { RecordSignal, WfdbRecord } from '../wfdb';

/** Context read on each side of a segment's first and last beat, seconds. */
export const SEGMENT_MARGIN_SEC = 4;

/** The lead the model reads. */
export interface AnalysisLead {
  /** Index among the record's signals. */
  index: number;
  signal: RecordSignal;
  /** Samples of the lead per second (frame rate × samples per frame). */
  fs: number;
  samplesPerFrame: number;
}

/** The lead `chooseLead` picks from the record's signal descriptions (the loader's rule). */
export function analysisLead(record: Pick<WfdbRecord, 'signals' | 'frameRateHz'>): AnalysisLead {
  const index = chooseLead(record.signals.map((s) => s.description));
  const signal = record.signals[index];
  if (signal === undefined) throw new RangeError('the record has no signals');
  const samplesPerFrame = Math.max(1, signal.samplesPerFrame);
  return { index, signal, fs: record.frameRateHz * samplesPerFrame, samplesPerFrame };
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Frames between segment starts that keep the model-rate grid aligned with the record's: a
 * start frame f is aligned when f × samplesPerFrame × rate / fs is a whole number. 1 when
 * the rates are not whole numbers (then alignment is approximate, within 1/1024 sample).
 */
export function alignmentFrames(leadFs: number, samplesPerFrame: number, rateHz: number): number {
  if (!Number.isInteger(leadFs) || !Number.isInteger(rateHz) || leadFs === rateHz) return 1;
  const down = leadFs / gcd(leadFs, rateHz); // lead samples per whole number of model samples
  return down / gcd(down, samplesPerFrame);
}

/** What shapes the windows: the card's `input.window` and `input.filter`. */
export interface WindowingConfig {
  window: BeatWindowConfig;
  filter: FilterConfig;
}

/** Windows of some beats, and where each sits on the record's model-rate grid. */
export interface SegmentWindows {
  /** count × window length values, as the model reads them. */
  windows: Float32Array;
  /** count × window length neighbour differences, when the window config asks for them, else null. */
  differences: Float32Array | null;
  /** Per beat, the model-rate sample (from the record's start) of its window's first value. */
  windowStarts: Int32Array;
}

/** Beats [start, end) of a list of beats. */
export interface BeatRange {
  start: number;
  end: number;
}

/**
 * Windows of the beats `range` (default: all) of `beats` (R-peak frame numbers, ascending,
 * inside the record: all the beats the analysis found, so that neighbour differences find
 * their neighbours), cut from one segment of `lead` spanning them plus the margins (see the
 * file header).
 * @throws WfdbError from the record's reads; RangeError on a bad window config or range.
 */
export async function windowSegment(
  record: Pick<WfdbRecord, 'frameCount' | 'readPhysical'>,
  lead: AnalysisLead,
  beats: Int32Array,
  config: WindowingConfig,
  range: BeatRange = { start: 0, end: beats.length },
): Promise<SegmentWindows> {
  const { window } = config;
  if (!(Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end <= beats.length)) {
    throw new RangeError(`beats [${range.start}, ${range.end}) are not within the ${beats.length} beats given`);
  }
  const context = window.difference ? 2 * window.difference.neighbours : 0;
  const first = Math.max(0, range.start - context);
  const frames = beats.subarray(first, Math.min(beats.length, range.end + context));
  const count = frames.length;
  const wanted = { from: range.start - first, to: range.end - first };
  if (range.start === range.end) return { windows: new Float32Array(0), differences: window.difference ? new Float32Array(0) : null, windowStarts: new Int32Array(0) };
  const frameRate = lead.fs / lead.samplesPerFrame;
  const margin = Math.ceil(SEGMENT_MARGIN_SEC * frameRate);
  const align = alignmentFrames(lead.fs, lead.samplesPerFrame, window.rateHz);
  const from = Math.max(0, Math.floor((frames[0]! - margin) / align) * align);
  const to = Math.min(record.frameCount, frames[count - 1]! + margin + 1);
  const [raw] = await record.readPhysical(from, to, [lead.index]);
  const filtered = applyFilter(raw ?? new Float64Array(0), lead.fs, config.filter);
  const spf = lead.samplesPerFrame;
  const peaks = new Int32Array(count);
  for (let i = 0; i < count; i++) peaks[i] = (frames[i]! - from) * spf;
  const cut = extractBeatWindows(filtered, lead.fs, peaks, window);
  const scale = window.rateHz / lead.fs;
  const offset = Math.round(from * spf * scale);
  const before = window.placement.kind === 'centred' ? window.placement.beforeSamples : 0;
  const windowStarts = new Int32Array(wanted.to - wanted.from);
  for (let i = wanted.from; i < wanted.to; i++) windowStarts[i - wanted.from] = offset + Math.round(peaks[i]! * scale) - before;
  const L = window.length;
  const rows = (values: Float32Array): Float32Array => (wanted.from === 0 && wanted.to === count ? values : values.slice(wanted.from * L, wanted.to * L));
  return { windows: rows(cut.data), differences: cut.differences === null ? null : rows(cut.differences), windowStarts };
}

/**
 * Windows of the beats `picks` (ascending indices into `beats`, one run of nearby beats),
 * cut as {@link windowSegment} cuts the range from the first to the last of them (so each
 * meets its neighbours among `beats`), the rows of the beats in between left out.
 */
export async function windowPicked(
  record: Pick<WfdbRecord, 'frameCount' | 'readPhysical'>,
  lead: AnalysisLead,
  beats: Int32Array,
  config: WindowingConfig,
  picks: readonly number[],
): Promise<SegmentWindows> {
  if (picks.length === 0) return windowSegment(record, lead, beats, config, { start: 0, end: 0 });
  const start = picks[0]!;
  const cut = await windowSegment(record, lead, beats, config, { start, end: picks.at(-1)! + 1 });
  const L = config.window.length;
  const rows = picks.map((i) => i - start);
  return {
    windows: gatherRows(cut.windows, L, rows),
    differences: cut.differences === null ? null : gatherRows(cut.differences, L, rows),
    windowStarts: Int32Array.from(rows, (r) => cut.windowStarts[r]!),
  };
}
