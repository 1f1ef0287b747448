/**
 * Named input presets for training: the beat window a model reads and the filtering before
 * it, so that the CLI (and later the UI) name a setup instead of spelling it out.
 * - 'model': the architecture's own window (RhythmAttention: 180 samples at 180 Hz; see
 *   ../models/config), centred on the R peak, z-scored per beat, edges repeated.
 * - 'seed-002': seed 002's 360 samples at 360 Hz, centred, z-score (SEED_002_WINDOW).
 * - 'kaggle-187': the Kaggle heartbeat CSV layout of seeds 000/001, 187 samples at 125 Hz from
 *   the R peak, [0, 1], zero-padded (KAGGLE_187_WINDOW).
 * - 'centred-180': the default model's window (180 samples at 180 Hz, centred, z-scored) for
 *   any architecture: ensemble members must read one shared window (../ensemble), and
 *   CNN-BiGRU-Attention's own is seed 002's 360 at 360 Hz.
 * Filters: 'dechazal' (DEFAULT_FILTER: median baseline removal + 35 Hz low-pass) or 'none'.
 */
import { DEFAULT_FILTER, NO_FILTER, type FilterConfig } from '../../datasets/filter-config';
import { KAGGLE_187_WINDOW, SEED_002_WINDOW, type BeatWindowConfig } from '../../signal/beat-windows';
import { RR_FEATURE_NAMES } from '../../signal/rr-features';
import { defaultModelConfig, type Architecture, type ModelConfig } from '../models';

/** Window preset names. */
export const WINDOW_PRESETS = ['model', 'seed-002', 'kaggle-187', 'centred-180'] as const;
/** A window preset. */
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

/** Filter preset names. */
export const FILTER_PRESETS = ['dechazal', 'none'] as const;
/** A filter preset. */
export type FilterPreset = (typeof FILTER_PRESETS)[number];

/** The filter of a preset. */
export function filterPreset(name: FilterPreset): FilterConfig {
  return name === 'none' ? NO_FILTER : DEFAULT_FILTER;
}

/** A centred, z-scored window of `length` samples at `rateHz` with the R peak at length / 2. */
export function centredWindow(length: number, rateHz: number): BeatWindowConfig {
  return { rateHz, length, placement: { kind: 'centred', beforeSamples: Math.floor(length / 2) }, normalisation: 'zscore', padding: 'edge' };
}

/**
 * The model config and the matching beat window for `architecture` with `preset`; `rr`
 * false turns the RR-feature input off.
 * @throws ModelConfigError when the preset's window does not suit the architecture.
 */
export function modelAndWindow(architecture: Architecture, preset: WindowPreset, rr: boolean, hyper: Record<string, number> = {}): { model: ModelConfig; window: BeatWindowConfig } {
  const rrFeatures = rr ? [...RR_FEATURE_NAMES] : [];
  if (preset === 'model') {
    const model = defaultModelConfig(architecture, { rrFeatures, hyper });
    return { model, window: centredWindow(model.windowLength, model.windowRateHz) };
  }
  const window = preset === 'seed-002' ? SEED_002_WINDOW : preset === 'centred-180' ? centredWindow(180, 180) : KAGGLE_187_WINDOW;
  const model = defaultModelConfig(architecture, { rrFeatures, hyper, windowLength: window.length, windowRateHz: window.rateHz });
  return { model, window };
}
