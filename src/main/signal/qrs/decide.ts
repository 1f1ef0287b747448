/**
 * Beat decisions on the fused QRS feature. The rules are those of Pan & Tompkins (1985)
 * and Hamilton & Tompkins ("Quantitative investigation of QRS detection rules using the
 * MIT/BIH arrhythmia database", IEEE TBME 33(12):1157–1165, 1986): a threshold between
 * the noise and QRS-peak levels, a 200 ms refractory period, T-wave rejection within
 * 360 ms of a beat, and searchback with a lower threshold when an RR interval grows past
 * the usual one (here 1.3 times the local median RR). Offline, the levels are taken from
 * the beats on both sides of a candidate (medians over the nearest accepted beats), not
 * only from the past, so a sudden change of amplitude is followed from both directions;
 * P waves are rejected like T waves, candidates are settled by height (the higher of two
 * conflicting ones wins), and a low beat that splits a usual RR interval in two is removed.
 * The defaults were chosen on the 48 MIT-BIH records as scored by bxb (eval/qrs-eval.ts):
 * no rule looks at a record's name or annotations.
 */
import { levelAt, type BlockLevels } from './levels';

/** Parameters of the decision rules. */
export interface DecisionParams {
  /** Peaks of the fused feature closer than this to a higher one are not candidates, s. */
  candidateRadiusSec: number;
  /** Two beats are never closer than this, s. */
  refractorySec: number;
  /** First-pass threshold on the fused feature (a typical beat scores about 1). */
  initialThreshold: number;
  /** Threshold = noise + fraction · (beat level − noise). */
  thresholdFraction: number;
  /** Beats on each side whose median height is the local beat level. */
  neighbourBeats: number;
  /** A candidate this close after a beat and lower than tWaveRatio times it is a T wave, s. */
  tWaveSec: number;
  tWaveRatio: number;
  /** A candidate this close before a beat and lower than pWaveRatio times it is a P wave, s. */
  pWaveSec: number;
  pWaveRatio: number;
  /** Candidates higher than this multiple of the local beat level are artefacts (a spike). */
  artifactRatio: number;
  /** Searchback when an RR interval exceeds this multiple of the local median RR. */
  searchbackRr: number;
  /** Searchback threshold as a fraction of the normal one. */
  searchbackFraction: number;
  /** Refinement passes after the first. */
  passes: number;
  /** Extra-beat removal (see removeExtras); extraRatio 0 turns it off. */
  extraShortRr: number;
  extraSpanTol: number;
  extraRatio: number;
}

/** Default decision parameters. */
export const DEFAULT_DECISION: DecisionParams = {
  candidateRadiusSec: 0.1, refractorySec: 0.2, initialThreshold: 0.35, thresholdFraction: 0.4,
  neighbourBeats: 4, tWaveSec: 0.36, tWaveRatio: 0.5, pWaveSec: 0.36, pWaveRatio: 0.7,
  artifactRatio: 8, searchbackRr: 1.3, searchbackFraction: 0.5, passes: 2,
  extraShortRr: 0.75, extraSpanTol: 0.25, extraRatio: 0.7,
};

/**
 * Local maxima of `f` that are the highest within ±radius samples (the first of equal
 * heights wins), in increasing order. O(n).
 */
export function findCandidates(f: Float64Array, radius: number): Int32Array {
  const peaks: number[] = [];
  for (let i = 1; i < f.length - 1; i++) {
    if (f[i]! > f[i - 1]! && f[i]! >= f[i + 1]! && f[i]! > 0) peaks.push(i);
  }
  const keep: number[] = [];
  for (let j = 0; j < peaks.length; j++) {
    const p = peaks[j]!, h = f[p]!;
    let best = true;
    for (let k = j - 1; k >= 0 && p - peaks[k]! <= radius && best; k--) if (f[peaks[k]!]! >= h) best = false;
    for (let k = j + 1; k < peaks.length && peaks[k]! - p <= radius && best; k++) if (f[peaks[k]!]! > h) best = false;
    if (best) keep.push(p);
  }
  return Int32Array.from(keep);
}

/** Median height of up to `k` accepted beats on each side of sample `at` (excluding `at`). */
function localBeatLevel(f: Float64Array, beats: number[], at: number, k: number): number {
  let lo = 0, hi = beats.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (beats[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  if (scratch.length < 2 * k) scratch = new Float64Array(2 * k);
  let m = 0;
  for (let j = Math.max(0, lo - k); j < lo; j++) scratch[m++] = f[beats[j]!]!;
  const after = lo < beats.length && beats[lo] === at ? lo + 1 : lo;
  for (let j = after; j < Math.min(beats.length, after + k); j++) scratch[m++] = f[beats[j]!]!;
  if (m === 0) return NaN;
  // Median of m values: insertion sort (m ≤ 2k, small), no allocation.
  for (let i = 1; i < m; i++) {
    const v = scratch[i]!;
    let j = i - 1;
    while (j >= 0 && scratch[j]! > v) { scratch[j + 1] = scratch[j]!; j--; }
    scratch[j + 1] = v;
  }
  const h = m >> 1;
  return m % 2 ? scratch[h]! : (scratch[h - 1]! + scratch[h]!) / 2;
}

/** Scratch buffer of localBeatLevel (grown on demand; the detector is synchronous). */
let scratch = new Float64Array(16);

/**
 * Whether candidate c may stand beside beat b: not within the refractory period; within
 * the T-wave interval after b, at least tWaveRatio times b's height (a T wave is much lower
 * than its QRS); within the P-wave interval before b, at least pWaveRatio times b's height.
 */
function compatible(f: Float64Array, c: number, b: number, g: Gaps, p: DecisionParams): boolean {
  const gap = c - b;
  if (Math.abs(gap) < g.refractory) return false;
  if (gap > 0) return gap >= g.tWave || f[c]! >= p.tWaveRatio * f[b]!;
  return -gap >= g.pWave || f[c]! >= p.pWaveRatio * f[b]!;
}

/** Interval limits in samples. */
interface Gaps {
  refractory: number;
  tWave: number;
  pWave: number;
}

function gapsOf(fs: number, p: DecisionParams): Gaps {
  return { refractory: Math.round(p.refractorySec * fs), tWave: Math.round(p.tWaveSec * fs), pWave: Math.round(p.pWaveSec * fs) };
}

/**
 * Among `sorted` candidates, accepts greedily by height: each is kept unless it is not
 * {@link compatible} with an already kept one. Candidates closer than tWave form clusters
 * that are settled one by one, so the cost stays linear in the candidates.
 */
function acceptByHeight(f: Float64Array, sorted: number[], g: Gaps, p: DecisionParams): number[] {
  const tWave = Math.max(g.tWave, g.pWave);
  const out: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]! - sorted[j - 1]! < tWave) j++;
    const cluster = sorted.slice(i, j).sort((a, b) => f[b]! - f[a]!);
    const kept: number[] = [];
    for (const c of cluster) if (kept.every((b) => compatible(f, c, b, g, p))) kept.push(c);
    out.push(...kept.sort((a, b) => a - b));
    i = j;
  }
  return out;
}

/**
 * Threshold window for a candidate at sample c given the current beats: the lower bound
 * between the noise and the local beat level, and an upper bound of artifactRatio times
 * that level, above which a lone spike is an artefact, not a beat.
 */
function thresholdAt(f: Float64Array, beats: number[], noise: BlockLevels, c: number, p: DecisionParams): [number, number] {
  const nl = levelAt(noise, c);
  let bl = localBeatLevel(f, beats, c, p.neighbourBeats);
  if (!Number.isFinite(bl)) bl = 1;
  return [nl + p.thresholdFraction * Math.max(0, bl - nl), p.artifactRatio * Math.max(bl, nl)];
}

/** One refinement pass: accept candidates within the local thresholds, then T/P-wave rejection. */
function refine(f: Float64Array, cands: Int32Array, beats: number[], noise: BlockLevels, fs: number, p: DecisionParams): number[] {
  const inside: number[] = [];
  for (const c of cands) {
    const [low, high] = thresholdAt(f, beats, noise, c, p);
    if (f[c]! > low && f[c]! < high) inside.push(c);
  }
  return acceptByHeight(f, inside, gapsOf(fs, p), p);
}

/** RR quantile q (samples) of up to `k` intervals on each side of beat index j. */
function localRr(beats: number[], j: number, k: number, q = 0.5): number {
  const vals: number[] = [];
  for (let i = Math.max(1, j - k); i <= Math.min(beats.length - 1, j + k); i++) vals.push(beats[i]! - beats[i - 1]!);
  vals.sort((a, b) => a - b);
  return vals.length ? vals[Math.min(vals.length - 1, Math.floor(vals.length * q))]! : NaN;
}

/** Searchback: in each long RR gap, accept the highest candidate above the lowered threshold. */
function searchback(f: Float64Array, cands: Int32Array, beats: number[], noise: BlockLevels, fs: number, p: DecisionParams): number[] {
  const g = gapsOf(fs, p);
  const out = beats.slice();
  let ci = 0;
  for (let j = 1; j < out.length; j++) {
    const a = out[j - 1]!, b = out[j]!;
    const rr = localRr(beats, Math.min(j, beats.length - 1), 4);
    if (!(b - a > p.searchbackRr * rr)) continue;
    while (ci < cands.length && cands[ci]! <= a) ci++;
    let best = -1;
    for (let i = ci; i < cands.length && cands[i]! < b; i++) {
      const c = cands[i]!;
      const fits = compatible(f, c, a, g, p) && compatible(f, c, b, g, p);
      if (fits && (best < 0 || f[c]! > f[best]!)) best = c;
    }
    if (best >= 0 && f[best]! > p.searchbackFraction * thresholdAt(f, beats, noise, best, p)[0]) {
      out.splice(j, 0, best);
      j--; // look at the gap before the new beat again
    }
  }
  return out;
}

/**
 * Removes extra beats: a beat that splits a usual RR interval into two short ones (each
 * below extraShortRr times the local RR, together within ±extraSpanTol of it) while lower
 * than extraRatio times both neighbours is noise riding between two beats; a premature
 * beat is followed by a compensatory pause instead, and an interpolated one is as high
 * as its neighbours.
 */
function removeExtras(f: Float64Array, beats: number[], p: DecisionParams): number[] {
  const out = beats.slice();
  for (let j = 1; j < out.length - 1; j++) {
    const a = out[j - 1]!, c = out[j]!, b = out[j + 1]!;
    const rr = localRr(out, j, 4);
    const short = p.extraShortRr * rr;
    if (c - a < short && b - c < short && Math.abs(b - a - rr) < p.extraSpanTol * rr &&
        f[c]! < p.extraRatio * Math.min(f[a]!, f[b]!)) {
      out.splice(j, 1);
      j--;
    }
  }
  return out;
}

/**
 * Chooses the beats among the candidates of the fused feature `f`.
 * @returns accepted candidate sample indices, increasing.
 */
export function decideBeats(f: Float64Array, cands: Int32Array, noise: BlockLevels, fs: number, p: DecisionParams = DEFAULT_DECISION): Int32Array {
  const first: number[] = [];
  for (const c of cands) if (f[c]! > p.initialThreshold) first.push(c);
  let beats = acceptByHeight(f, first, gapsOf(fs, p), p);
  for (let pass = 0; pass < p.passes; pass++) beats = refine(f, cands, beats, noise, fs, p);
  beats = searchback(f, cands, beats, noise, fs, p);
  if (p.extraRatio > 0) beats = removeExtras(f, beats, p);
  return Int32Array.from(beats);
}
