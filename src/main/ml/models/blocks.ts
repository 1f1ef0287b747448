/**
 * Building blocks shared by our networks: a seed sequence that makes a build deterministic,
 * the model's inputs, the RR-feature branch and the classification head.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { glorot, l2Regularizer } from '../layers/layer-utils';
import type { ModelConfig } from './config';

/** Names of the model's inputs, output and attention layer (found by name after loading). */
export const LAYER_NAMES = Object.freeze({
  beat: 'beat',
  difference: 'difference',
  signal: 'beat_and_difference',
  rr: 'rr',
  rrDense: 'rr_dense',
  probabilities: 'probabilities',
  attention: 'attention',
  attentionOverInput: 'attention_over_input',
});

/** Successive seeds base, base+1, … for every random initialiser of one build; all undefined when unseeded. */
export class SeedSequence {
  private next_: number | undefined;

  constructor(base: number | undefined) {
    if (base !== undefined && !Number.isInteger(base)) throw new RangeError(`seed must be an integer, got ${base}`);
    this.next_ = base;
  }

  /** The next seed (then advances), or undefined for an unseeded build. */
  next(): number | undefined {
    return this.take(1);
  }

  /** The first of `count` consecutive seeds for a layer that uses seed, seed+1, …; advances past them. */
  take(count: number): number | undefined {
    const seed = this.next_;
    if (this.next_ !== undefined) this.next_ += count;
    return seed;
  }
}

/** Applies a layer to one symbolic tensor (or a list) and returns its single output. */
export function applyTo(layer: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]): tfl.SymbolicTensor {
  return layer.apply(x) as tfl.SymbolicTensor;
}

/** Kernel and bias settings of a seeded Dense or Conv layer with optional L2 on the kernel. */
export function kernelArgs(seeds: SeedSequence, l2: number): {
  kernelInitializer: ReturnType<typeof glorot>;
  kernelRegularizer?: ReturnType<typeof tfl.regularizers.l2>;
} {
  const regularizer = l2Regularizer(l2);
  return { kernelInitializer: glorot(seeds.next()), ...(regularizer === undefined ? {} : { kernelRegularizer: regularizer }) };
}

/** A model's inputs: `all` in the model's order, `signal` what the convolutions read, `rr` the RR features. */
export interface NetworkInputs {
  all: tfl.SymbolicTensor[];
  signal: tfl.SymbolicTensor;
  rr: tfl.SymbolicTensor | null;
}

/**
 * The 'beat' input [windowLength, 1]; with `neighbourDifference` the 'difference' input of
 * the same shape, joined to it as a second channel ([windowLength, 2]: each sample's value
 * and its difference from the neighbours' median line up for the convolutions); when RR
 * features are on, the 'rr' input.
 */
export function modelInputs(config: ModelConfig): NetworkInputs {
  const beat = tfl.input({ shape: [config.windowLength, 1], name: LAYER_NAMES.beat });
  const difference = config.neighbourDifference === true ? tfl.input({ shape: [config.windowLength, 1], name: LAYER_NAMES.difference }) : null;
  const rr = config.rrFeatures.length > 0 ? tfl.input({ shape: [config.rrFeatures.length], name: LAYER_NAMES.rr }) : null;
  const signal = difference === null ? beat : applyTo(tfl.layers.concatenate({ axis: -1, name: LAYER_NAMES.signal }), [beat, difference]);
  const all = [beat, ...(difference === null ? [] : [difference]), ...(rr === null ? [] : [rr])];
  return { all, signal, rr };
}

/** Pooled beat features, concatenated with a small ReLU projection of the RR features when present. */
export function withRrFeatures(
  pooled: tfl.SymbolicTensor,
  rr: tfl.SymbolicTensor | null,
  units: number,
  seeds: SeedSequence,
  l2: number,
): tfl.SymbolicTensor {
  if (rr === null) return pooled;
  const rrDense = applyTo(
    tfl.layers.dense({ units, activation: 'relu', name: LAYER_NAMES.rrDense, ...kernelArgs(seeds, l2) }),
    rr,
  );
  return applyTo(tfl.layers.concatenate({ name: 'features' }), [pooled, rrDense]);
}

/** Dense ReLU → dropout → softmax over the classes (the output layer is named 'probabilities'). */
export function classificationHead(
  features: tfl.SymbolicTensor,
  config: ModelConfig,
  options: { units: number; dropout: number; l2: number; seeds: SeedSequence },
): tfl.SymbolicTensor {
  const { units, dropout, l2, seeds } = options;
  let x = applyTo(tfl.layers.dense({ units, activation: 'relu', name: 'head_dense', ...kernelArgs(seeds, l2) }), features);
  if (dropout > 0) x = applyTo(tfl.layers.dropout({ rate: dropout, name: 'head_dropout' }), x);
  return applyTo(
    tfl.layers.dense({
      units: config.classes.length,
      activation: 'softmax',
      name: LAYER_NAMES.probabilities,
      ...kernelArgs(seeds, l2),
    }),
    x,
  );
}
