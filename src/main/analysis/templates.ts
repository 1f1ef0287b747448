/**
 * Template groups for display: per morphology group (./template-clustering ids), the label
 * counts, a mean waveform, up to {@link MAX_MEMBERS} member waveforms spread over the
 * recording to draw superimposed, and the member nearest the mean (to jump to).
 *
 * Waveforms are the lead the model reads (./segment-windows), in its physical units, one
 * value per frame from R − {@link TEMPLATE_BEFORE_SEC} to R + {@link TEMPLATE_AFTER_SEC}.
 * Each is shifted so that its median is 0: beats of one shape then lie on top of each other
 * whatever the baseline wander did, while amplitudes stay in the lead's units. The mean is
 * taken over up to {@link MAX_MEAN_BEATS} members, also spread over the recording, so that
 * a group of 100,000 beats costs what one of 200 does.
 */
import { BEAT_LABELS, type BeatLabel, type PerLabel, type TemplateGroup } from '../../shared/review';
import type { WfdbRecord } from '../wfdb';
import { analysisLead } from './segment-windows';
import type { BeatRef } from './types';

/** Seconds shown before and after the R peak. */
export const TEMPLATE_BEFORE_SEC = 0.25;
export const TEMPLATE_AFTER_SEC = 0.45;
/** Member waveforms returned per group. */
export const MAX_MEMBERS = 20;
/** Members averaged into the mean per group. */
export const MAX_MEAN_BEATS = 200;

/** A beat as the templates need it. */
export type TemplateBeat = BeatRef & { label: BeatLabel; templateId: number };

/** `k` indices spread evenly over 0..n−1 (all of them when n ≤ k). */
export function spreadIndices(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * n) / k));
}

/** Label counts, and the most common label (ties: the earlier in BEAT_LABELS). */
export function labelStats(beats: readonly { label: BeatLabel }[]): { label: BeatLabel; counts: PerLabel<number> } {
  const counts = Object.fromEntries(BEAT_LABELS.map((l) => [l, 0])) as PerLabel<number>;
  for (const b of beats) counts[b.label] += 1;
  let label: BeatLabel = BEAT_LABELS[0];
  for (const l of BEAT_LABELS) if (counts[l] > counts[label]) label = l;
  return { label, counts };
}

/** `x` minus its median (NaN, an invalid sample, becomes 0 there). */
export function centreOnMedian(x: Float64Array): number[] {
  const finite = Array.from(x).filter(Number.isFinite).sort((a, b) => a - b);
  const median = finite.length === 0 ? 0 : finite[finite.length >> 1]!;
  return Array.from(x, (v) => (Number.isFinite(v) ? v - median : 0));
}

/** Mean of equal-length waveforms, and the index of the one nearest it (least squares). */
export function meanAndNearest(waves: readonly number[][]): { mean: number[]; nearest: number } {
  const length = waves[0]?.length ?? 0;
  const mean = new Array<number>(length).fill(0);
  for (const w of waves) for (let j = 0; j < length; j++) mean[j]! += w[j]! / waves.length;
  let nearest = 0;
  let best = Infinity;
  waves.forEach((w, i) => {
    let d = 0;
    for (let j = 0; j < length; j++) d += (w[j]! - mean[j]!) ** 2;
    if (d < best) [best, nearest] = [d, i];
  });
  return { mean, nearest };
}

type TemplateRecord = Pick<WfdbRecord, 'signals' | 'frameRateHz' | 'frameCount' | 'readPhysical'>;

/** The waveform of the beat at `frame` (see the file header), one value per frame. */
async function waveformAt(record: TemplateRecord, leadIndex: number, spf: number, frame: number, before: number, length: number): Promise<number[]> {
  const from = frame - before;
  const start = Math.max(0, from);
  const end = Math.min(record.frameCount, from + length);
  const x = new Float64Array(length).fill(Number.NaN);
  if (end > start) {
    const [raw] = await record.readPhysical(start, end, [leadIndex]);
    for (let f = start; f < end; f++) {
      let s = 0;
      for (let j = 0; j < spf; j++) s += raw![(f - start) * spf + j]!;
      x[f - from] = s / spf;
    }
  }
  return centreOnMedian(x);
}

/**
 * Template groups of `beats`, largest first (see the file header).
 * @throws WfdbError from the record's reads.
 */
export async function templateGroups(record: TemplateRecord, beats: readonly TemplateBeat[]): Promise<TemplateGroup[]> {
  const lead = analysisLead(record);
  const rate = record.frameRateHz;
  const before = Math.round(TEMPLATE_BEFORE_SEC * rate);
  const length = before + Math.round(TEMPLATE_AFTER_SEC * rate);
  const byGroup = new Map<number, TemplateBeat[]>();
  for (const b of beats) {
    const list = byGroup.get(b.templateId) ?? [];
    list.push(b);
    byGroup.set(b.templateId, list);
  }
  const groups: TemplateGroup[] = [];
  for (const [id, members] of byGroup) {
    members.sort((a, b) => a.sample - b.sample);
    const sampled = spreadIndices(members.length, MAX_MEAN_BEATS).map((i) => members[i]!);
    const waves: number[][] = [];
    for (const b of sampled) waves.push(await waveformAt(record, lead.index, lead.samplesPerFrame, b.sample, before, length));
    const { mean, nearest } = meanAndNearest(waves);
    const { label, counts } = labelStats(members);
    groups.push({
      id,
      label,
      count: members.length,
      labelCounts: counts,
      representativeBeatId: sampled[nearest]!.id,
      representativeSec: sampled[nearest]!.sample / rate,
      signalName: lead.signal.description,
      units: lead.signal.units,
      frameRateHz: rate,
      offsetSec: before / rate,
      mean,
      members: spreadIndices(waves.length, MAX_MEMBERS).map((i) => waves[i]!),
    });
  }
  return groups.sort((a, b) => b.count - a.count || a.id - b.id);
}
