/**
 * Model configurations: which network, its input window, the optional RR-feature input, the
 * classes and the architecture's hyper-parameters, with defaults and checks.
 *
 * Default RhythmAttention input: 180 samples at 180 Hz (one second). MIT-BIH is sampled at
 * 360 Hz, but a QRS complex holds almost no energy above 40 Hz, so 180 Hz (Nyquist 90 Hz) loses
 * nothing the classifier can use, and halving the samples halves the cost of the first
 * (most expensive, full-resolution) convolution block: the speed target on this machine's
 * wasm backend (≥ 300 beats/s training, ≥ 3,000 inference) needs that. One second holds the
 * whole P-QRS-T at ordinary rates; the rhythm — decisive for S beats in inter-patient
 * testing — comes from the RR features rather than from a longer window.
 */
import { AAMI_CLASSES } from '../../datasets/aami';
import { RR_FEATURE_NAMES } from '../../signal/rr-features';
import { ModelConfigError } from '../layers/layer-utils';

/** The networks we can build. */
export type Architecture = 'rhythm-attention' | 'cnn-bigru-attention' | 'cnn-lstm-attention';

/** Every architecture, for argument checks and menus. */
export const ARCHITECTURES: readonly Architecture[] = ['rhythm-attention', 'cnn-bigru-attention', 'cnn-lstm-attention'];

/**
 * The card architecture of a Top2-weighted ensemble (../ensemble): loadable like any model,
 * but built from trained members, never trained, so it is not one of ARCHITECTURES.
 */
export const ENSEMBLE_ARCHITECTURE = 'top2-ensemble';

/** Every architecture a model card may name: the trainable ones and the ensemble. */
export const LOADABLE_ARCHITECTURES: readonly string[] = [...ARCHITECTURES, ENSEMBLE_ARCHITECTURE];

/** Everything that shapes a model; saved with it. */
export interface ModelConfig {
  architecture: Architecture;
  /** Input samples per beat. */
  windowLength: number;
  /** Sample rate of the input window, Hz. */
  windowRateHz: number;
  /** Names of the RR features (RR_FEATURE_NAMES) fed as the input 'rr'; [] = off (seed reproduction). */
  rrFeatures: readonly string[];
  /**
   * True: the input 'difference', each beat minus its neighbours' median
   * (../../signal/neighbour-difference), read beside the beat as a second channel.
   * Absent or false: the beat alone.
   */
  neighbourDifference?: boolean;
  /** Output classes, in the order of the softmax (AAMI: N, S, V, F, Q). */
  classes: readonly string[];
  /** Architecture hyper-parameters, every one filled in (see the defaults below). */
  hyper: Record<string, number>;
}

/**
 * RhythmAttention hyper-parameters (seeds 000/001, sized for the speed target): three residual
 * blocks of `filtersN` channels and kernel `kernelN`, each followed by max-pooling by 2
 * (receptive field after the last block ≈ 50 samples, 0.3 s at 180 Hz; attention then sees all);
 * spatial dropout; a `heads` × `keyDim` self-attention block; dual pooling; a `denseUnits`
 * ReLU layer with `dropout`; `rrUnits` ReLU units for the RR features; `l2` on every kernel.
 */
export const RHYTHM_ATTENTION_HYPER: Readonly<Record<string, number>> = Object.freeze({
  filters1: 16,
  filters2: 32,
  filters3: 48,
  kernel1: 7,
  kernel2: 5,
  kernel3: 3,
  spatialDropout: 0.1,
  heads: 4,
  keyDim: 16,
  attentionDropout: 0.1,
  denseUnits: 128,
  dropout: 0.3,
  rrUnits: 16,
  l2: 1e-4,
});

/**
 * CNN-BiGRU-Attention hyper-parameters, as seed 002 configures them: conv 32/64/64 with kernels
 * 5/5/3 (ReLU, batch norm, max-pooling by 2), dropout 0.3, a bidirectional GRU of 32 units with
 * recurrent dropout 0.1 and dropout 0.3 after it, additive attention, Dense 32 ReLU, dropout 0.5.
 * `rrUnits` is ours (the optional RR input); the seed has no L2.
 */
export const CNN_BIGRU_ATTENTION_HYPER: Readonly<Record<string, number>> = Object.freeze({
  filters1: 32,
  filters2: 64,
  filters3: 64,
  kernel1: 5,
  kernel2: 5,
  kernel3: 3,
  convDropout: 0.3,
  gruUnits: 32,
  recurrentDropout: 0.1,
  gruDropout: 0.3,
  denseUnits: 32,
  dropout: 0.5,
  rrUnits: 16,
  l2: 0,
});

/**
 * CNN-LSTM-Attention hyper-parameters (seed 003). The seed names the parts — convolutions
 * for local features, an LSTM over their sequence, attention as a softmax over a learned
 * alignment score between the LSTM states and a context vector — but no sizes; ours are
 * seed 002's convolution stack (so that the two recurrent models differ only in the
 * recurrent layer) and one unidirectional LSTM of 64 units (as wide as the BiGRU's 2 × 32
 * output). `rrUnits` is the optional RR input, as for the others.
 */
export const CNN_LSTM_ATTENTION_HYPER: Readonly<Record<string, number>> = Object.freeze({
  filters1: 32,
  filters2: 64,
  filters3: 64,
  kernel1: 5,
  kernel2: 5,
  kernel3: 3,
  convDropout: 0.3,
  lstmUnits: 64,
  recurrentDropout: 0.1,
  lstmDropout: 0.3,
  denseUnits: 32,
  dropout: 0.5,
  rrUnits: 16,
  l2: 0,
});

const DEFAULTS: Readonly<Record<Architecture, Omit<ModelConfig, 'architecture'>>> = {
  'rhythm-attention': {
    windowLength: 180,
    windowRateHz: 180,
    rrFeatures: RR_FEATURE_NAMES,
    classes: AAMI_CLASSES,
    hyper: RHYTHM_ATTENTION_HYPER,
  },
  'cnn-bigru-attention': {
    windowLength: 360,
    windowRateHz: 360,
    rrFeatures: RR_FEATURE_NAMES,
    classes: AAMI_CLASSES,
    hyper: CNN_BIGRU_ATTENTION_HYPER,
  },
  // 1 s at 180 Hz like RhythmAttention (see the file header): the same input as the default
  // model, so that the two can form an ensemble (../ensemble needs one shared window).
  'cnn-lstm-attention': {
    windowLength: 180,
    windowRateHz: 180,
    rrFeatures: RR_FEATURE_NAMES,
    classes: AAMI_CLASSES,
    hyper: CNN_LSTM_ATTENTION_HYPER,
  },
};

/** Hyper-parameters that are rates in [0, 1); every other one is a positive integer, except l2 (≥ 0). */
const RATE_KEYS = new Set(['spatialDropout', 'attentionDropout', 'dropout', 'convDropout', 'recurrentDropout', 'gruDropout', 'lstmDropout']);

/** Three max-poolings by 2 must leave at least this many steps for attention to mean anything. */
const MIN_STEPS_AFTER_POOLING = 4;

/**
 * The default configuration of `architecture`, with `overrides` applied (`hyper` is merged
 * key by key, so `{ hyper: { heads: 2 } }` keeps the other defaults).
 * @throws ModelConfigError for an unknown architecture or any invalid value (see checkModelConfig).
 */
export function defaultModelConfig(architecture: Architecture, overrides: Partial<ModelConfig> = {}): ModelConfig {
  const defaults = DEFAULTS[architecture] as (typeof DEFAULTS)[Architecture] | undefined;
  if (defaults === undefined) {
    throw new ModelConfigError(`unknown architecture '${String(architecture)}'; known: ${ARCHITECTURES.join(', ')}`);
  }
  if (overrides.architecture !== undefined && overrides.architecture !== architecture) {
    throw new ModelConfigError(`overrides name architecture '${overrides.architecture}' for a '${architecture}' config`);
  }
  const config: ModelConfig = {
    architecture,
    windowLength: overrides.windowLength ?? defaults.windowLength,
    windowRateHz: overrides.windowRateHz ?? defaults.windowRateHz,
    rrFeatures: [...(overrides.rrFeatures ?? defaults.rrFeatures)],
    ...(overrides.neighbourDifference === true ? { neighbourDifference: true } : {}),
    classes: [...(overrides.classes ?? defaults.classes)],
    hyper: { ...defaults.hyper, ...overrides.hyper },
  };
  checkModelConfig(config);
  return config;
}

/**
 * Checks a configuration (e.g. one read back from a saved model).
 * @throws ModelConfigError naming the offending field and value.
 */
export function checkModelConfig(config: ModelConfig): void {
  const defaults = DEFAULTS[config.architecture] as (typeof DEFAULTS)[Architecture] | undefined;
  if (defaults === undefined) {
    throw new ModelConfigError(`unknown architecture '${String(config.architecture)}'; known: ${ARCHITECTURES.join(', ')}`);
  }
  const minLength = 8 * MIN_STEPS_AFTER_POOLING;
  if (!Number.isInteger(config.windowLength) || config.windowLength < minLength) {
    throw new ModelConfigError(`windowLength must be an integer ≥ ${minLength}, got ${config.windowLength}`);
  }
  if (!(config.windowRateHz > 0) || !Number.isFinite(config.windowRateHz)) {
    throw new ModelConfigError(`windowRateHz must be a positive number, got ${config.windowRateHz}`);
  }
  checkNames('rrFeatures', config.rrFeatures, RR_FEATURE_NAMES);
  if (config.classes.length < 2) throw new ModelConfigError(`classes must name at least 2 classes, got ${config.classes.length}`);
  checkNames('classes', config.classes, null);
  checkHyper(config.hyper, defaults.hyper);
}

function checkNames(field: string, names: readonly string[], allowed: readonly string[] | null): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.length === 0) throw new ModelConfigError(`${field}: names must be non-empty strings`);
    if (allowed !== null && !allowed.includes(name)) {
      throw new ModelConfigError(`${field}: unknown name '${name}'; known: ${allowed.join(', ')}`);
    }
    if (seen.has(name)) throw new ModelConfigError(`${field}: '${name}' appears twice`);
    seen.add(name);
  }
}

function checkHyper(hyper: Record<string, number>, defaults: Readonly<Record<string, number>>): void {
  for (const key of Object.keys(hyper)) {
    if (!(key in defaults)) {
      throw new ModelConfigError(`hyper: unknown parameter '${key}'; known: ${Object.keys(defaults).join(', ')}`);
    }
  }
  for (const key of Object.keys(defaults)) {
    const value = hyper[key];
    const valid =
      typeof value === 'number' &&
      (RATE_KEYS.has(key)
        ? value >= 0 && value < 1
        : key === 'l2'
          ? value >= 0 && Number.isFinite(value)
          : Number.isInteger(value) && value >= 1);
    if (!valid) {
      const expected = RATE_KEYS.has(key) ? 'a rate in [0, 1)' : key === 'l2' ? 'a finite number ≥ 0' : 'an integer ≥ 1';
      throw new ModelConfigError(`hyper.${key} must be ${expected}, got ${String(value)}`);
    }
  }
}

/** Hyper-parameter `key` of a checked config. */
export function hyperOf(config: ModelConfig, key: string): number {
  const value = config.hyper[key];
  if (value === undefined) throw new ModelConfigError(`hyper.${key} is missing from the ${config.architecture} config`);
  return value;
}
