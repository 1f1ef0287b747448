/**
 * Normalisation of the RR features fed to the models' second input: the chosen columns of
 * ../../signal/rr-features (by name), each standardised with the mean and standard deviation
 * of the TRAINING beats. The statistics are saved in the model card, so that inference on a
 * new record applies exactly the training transform (a record's own statistics would erase
 * the very timing differences the features carry).
 */
import { RR_FEATURE_COUNT, RR_FEATURE_NAMES } from '../../signal/rr-features';

/** Mean and standard deviation per selected feature. */
export interface RrNormalisation {
  /** Feature names, in the order of the model's 'rr' input. */
  features: string[];
  mean: number[];
  std: number[];
}

/** Column of each named feature in a RR_FEATURE_COUNT-wide row; RangeError for an unknown name. */
export function rrColumns(features: readonly string[]): number[] {
  return features.map((name) => {
    const column = (RR_FEATURE_NAMES as readonly string[]).indexOf(name);
    if (column < 0) throw new RangeError(`unknown RR feature "${name}" (known: ${RR_FEATURE_NAMES.join(', ')})`);
    return column;
  });
}

/**
 * Statistics of the selected features over `rr` (count × RR_FEATURE_COUNT). A feature with
 * a standard deviation under 1e-6 (constant) gets 1, so it maps to 0 instead of ±∞.
 */
export function fitRrNormalisation(rr: Float32Array, features: readonly string[]): RrNormalisation {
  const columns = rrColumns(features);
  const count = rr.length / RR_FEATURE_COUNT;
  const mean = columns.map(() => 0);
  const std = columns.map(() => 1);
  if (count === 0) return { features: [...features], mean, std };
  columns.forEach((column, k) => {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += rr[i * RR_FEATURE_COUNT + column]!;
    const m = sum / count;
    let sq = 0;
    for (let i = 0; i < count; i++) sq += (rr[i * RR_FEATURE_COUNT + column]! - m) ** 2;
    const s = Math.sqrt(sq / count);
    mean[k] = m;
    std[k] = s < 1e-6 ? 1 : s;
  });
  return { features: [...features], mean, std };
}

/**
 * The selected, standardised features of `rr` (count × RR_FEATURE_COUNT) as count × F
 * values, F = norm.features.length. Throws RangeError for an unknown feature name.
 */
export function normaliseRr(rr: Float32Array, norm: RrNormalisation): Float32Array {
  const columns = rrColumns(norm.features);
  const count = rr.length / RR_FEATURE_COUNT;
  const F = columns.length;
  const out = new Float32Array(count * F);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < F; k++) {
      out[i * F + k] = (rr[i * RR_FEATURE_COUNT + columns[k]!]! - norm.mean[k]!) / norm.std[k]!;
    }
  }
  return out;
}
