/**
 * Small helpers shared by our custom TensorFlow.js layers (one layer per file in this folder):
 * the constructor argument type tfjs-layers does not export, argument checks that throw a
 * typed error naming the layer and the offending value, and shape helpers.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { AppError } from '../../../shared/errors';

/** Base arguments of every layer (`name`, `trainable`, `inputShape`, …); tfjs does not export the type. */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/** Keyword arguments tfjs passes to `call` (`training`, `mask`). */
export type CallKwargs = Record<string, unknown>;

/** A layer or model was configured with an impossible value. */
export class ModelConfigError extends AppError {
  constructor(message: string, detail: Record<string, string | number | boolean | null> = {}) {
    super('ml/invalid-config', message, detail);
  }
}

/** Throws a ModelConfigError unless `value` is an integer ≥ `min`. */
export function checkInteger(layer: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ModelConfigError(`${layer}: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

/** Throws a ModelConfigError unless `value` is a rate in [0, 1). */
export function checkRate(layer: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ModelConfigError(`${layer}: ${name} must be a number in [0, 1), got ${String(value)}`);
  }
  return value;
}

/** Throws a ModelConfigError unless `value` is a finite number ≥ 0. */
export function checkNonNegative(layer: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ModelConfigError(`${layer}: ${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
  return value;
}

/** The one input shape of a single-input layer, checked for its rank. */
export function singleShape(layer: string, inputShape: tfl.Shape | tfl.Shape[], rank: number): tfl.Shape {
  const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
  if (shape.length !== rank) {
    throw new ModelConfigError(`${layer}: expects inputs of rank ${rank}, got shape [${shape.join(', ')}]`);
  }
  return shape;
}

/** The last (feature) dimension of a shape, which must be known when the layer is built. */
export function featureSize(layer: string, shape: tfl.Shape): number {
  const last = shape[shape.length - 1];
  if (last === null || last === undefined) {
    throw new ModelConfigError(`${layer}: the last dimension of the input must be known, got [${shape.join(', ')}]`);
  }
  return last;
}

/** The single tensor of `inputs` (tfjs hands a layer either a tensor or a one-element list). */
export function oneTensor<T>(inputs: T | T[]): T {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1 || inputs[0] === undefined) {
    throw new ModelConfigError(`expected one input tensor, got ${inputs.length}`);
  }
  return inputs[0];
}

/** Whether tfjs asked for training behaviour (dropout on). */
export function isTraining(kwargs: CallKwargs | undefined): boolean {
  return kwargs?.['training'] === true;
}

/** Seeded Glorot-uniform initializer (unseeded when `seed` is undefined). */
export function glorot(seed: number | undefined): ReturnType<typeof tfl.initializers.glorotUniform> {
  return tfl.initializers.glorotUniform(seed === undefined ? {} : { seed });
}

/** L2 kernel regularizer, or none for a zero factor. */
export function l2Regularizer(l2: number): ReturnType<typeof tfl.regularizers.l2> | undefined {
  return l2 > 0 ? tfl.regularizers.l2({ l2 }) : undefined;
}
