/**
 * Multi-lead fusion of QRS envelopes. Each lead's envelope is divided by its own local QRS
 * level (running median of 1-second block maxima), so that a typical beat scores about 1
 * in every lead whatever its amplitude, and the leads are averaged with weights that fall
 * with the square of their local relative noise (a block's median envelope over its QRS
 * level, the worst of the block and its neighbours, so that a burst of noise counts at
 * once). A lead drowned in noise, flat, or saturated therefore fades out of the decision
 * while the other carries it, as in multi-lead detectors that weigh leads by signal
 * quality (e.g. Christov, BioMed Eng OnLine 3:28, 2004, which combines leads' slopes). The
 * same works for several bands of one lead (see FeatureParams.bands).
 */
import { blockMaxima, blockQuantiles, levelAt, smoothBlocks, type BlockLevels } from './levels';

/** Result of {@link fuseEnvelopes}. */
export interface FusedFeature {
  /** Weighted mean of the normalized envelopes: about 1 on a typical QRS, near 0 between. */
  fused: Float64Array;
  /** Per lead: local QRS level of its envelope (block maxima, smoothed). */
  peakLevels: BlockLevels[];
  /** Per lead: relative noise (block median / QRS level), smoothed; 1e9 where flat. */
  relativeNoise: BlockLevels[];
  /** Local noise level of `fused` (its block medians, smoothed). */
  fusedNoise: BlockLevels;
}

/** Parameters of the fusion. */
export interface FusionParams {
  /** Block length, seconds. */
  blockSec: number;
  /** QRS level: median of block maxima over ± this many blocks (a sudden change is followed in about that many). */
  halfWidthBlocks: number;
  /** Envelope level (signal units per second) below which a lead counts as flat. */
  minEnvelope: number;
  /** Relative noise floor, so two clean leads weigh about the same. */
  noiseFloor: number;
  /** Quantile of a block's envelope taken as its noise level. */
  noiseQuantile: number;
  /** A lead's noise is the largest block noise within ± this many blocks (a burst counts at once). */
  noiseHalfWidthBlocks: number;
  /** Lead weight = relative noise ^ −noisePower. */
  noisePower: number;
}

/** Relative noise given to a flat lead (finite, so that it interpolates). */
const FLAT = 1e9;

/** Default fusion parameters (minEnvelope assumes millivolts). */
export const DEFAULT_FUSION: FusionParams = {
  blockSec: 1, halfWidthBlocks: 8, minEnvelope: 0.5, noiseFloor: 0.05, noiseQuantile: 0.5, noiseHalfWidthBlocks: 1,
  noisePower: 2,
};

/** Samples over which lead weights are held constant (0.09 s at 360 Hz). */
const SEGMENT = 32;

/** Per-lead factor weight / level / Σ weights at sample i (0 for a flat lead), into `out`. */
function segmentScales(peak: BlockLevels[], noise: BlockLevels[], i: number, p: FusionParams, out: Float64Array): void {
  let wsum = 0;
  for (let k = 0; k < out.length; k++) {
    const lvl = levelAt(peak[k]!, i);
    const w = lvl >= p.minEnvelope ? levelAt(noise[k]!, i) ** -p.noisePower : 0;
    out[k] = w > 0 ? w / lvl : 0;
    wsum += w;
  }
  for (let k = 0; k < out.length; k++) out[k] = wsum > 0 ? out[k]! / wsum : 0;
}

/**
 * Fuses the QRS envelopes of several leads (same length, same fs).
 * @returns the fused feature and the per-lead levels used.
 */
export function fuseEnvelopes(envelopes: readonly Float64Array[], fs: number, p: FusionParams = DEFAULT_FUSION): FusedFeature {
  const n = envelopes[0]?.length ?? 0;
  const blockLength = Math.max(1, Math.round(p.blockSec * fs));
  const peakLevels = envelopes.map((g) => {
    // Flat blocks (a clipped or disconnected stretch) say nothing of the QRS level.
    const maxima = blockMaxima(g, blockLength);
    maxima.values.forEach((m, b) => { if (m < p.minEnvelope) maxima.values[b] = NaN; });
    const level = smoothBlocks(maxima, p.halfWidthBlocks);
    level.values.forEach((m, b) => { if (Number.isNaN(m)) level.values[b] = 0; });
    return level;
  });
  const relativeNoise = envelopes.map((g, k) => {
    const med = smoothBlocks(blockQuantiles(g, blockLength, p.noiseQuantile), p.noiseHalfWidthBlocks, 1);
    const peak = peakLevels[k]!.values;
    const v = med.values.map((m, b) => (peak[b]! >= p.minEnvelope ? Math.max(p.noiseFloor, m / peak[b]!) : FLAT));
    return { blockLength, values: v };
  });
  const fused = new Float64Array(n);
  const scale = new Float64Array(envelopes.length);
  // Weights and levels vary slowly: they are evaluated once per segment of SEGMENT samples.
  for (let start = 0; start < n; start += SEGMENT) {
    const end = Math.min(n, start + SEGMENT);
    segmentScales(peakLevels, relativeNoise, (start + end) >> 1, p, scale);
    for (let k = 0; k < envelopes.length; k++) {
      const g = envelopes[k]!, w = scale[k]!;
      if (w === 0) continue;
      for (let i = start; i < end; i++) fused[i] = fused[i]! + g[i]! * w;
    }
  }
  const fusedNoise = smoothBlocks(blockQuantiles(fused, blockLength, 0.5), p.halfWidthBlocks);
  return { fused, peakLevels, relativeNoise, fusedNoise };
}
