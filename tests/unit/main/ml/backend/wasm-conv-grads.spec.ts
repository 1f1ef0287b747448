import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
} from '../../../../../src/main/ml/backend/wasm-conv-grads';
import { registerWasmTrainingKernels } from '../../../../../src/main/ml/backend/wasm-training-kernels';
import { expectSameOnWasm, randInt, randValues, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

interface ConvCase {
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strides: [number, number];
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
}

function describeCase(c: ConvCase): string {
  const pad = typeof c.pad === 'string' ? c.pad : JSON.stringify(c.pad);
  return `${c.dataFormat} ${c.batch}×${c.height}×${c.width}×${c.inChannels}→${c.outChannels} filter ${c.filterHeight}×${c.filterWidth} stride ${c.strides.join('×')} pad ${pad}`;
}

/**
 * tf.grads of conv2d(x, w) with a random upstream gradient, so both Conv2DBackpropInput and
 * Conv2DBackpropFilter run on whatever backend is active. The wasm backend has no NCHW
 * forward Conv2D, so channels-first cases call the two gradient kernels directly.
 */
function convGrads(c: ConvCase, seed: number): () => tf.Tensor[] {
  const rand = createPrng(seed).next;
  const xShape: [number, number, number, number] =
    c.dataFormat === 'NHWC' ? [c.batch, c.height, c.width, c.inChannels] : [c.batch, c.inChannels, c.height, c.width];
  const wShape: [number, number, number, number] = [c.filterHeight, c.filterWidth, c.inChannels, c.outChannels];
  const info = tf.backend_util.computeConv2DInfo(
    [c.batch, c.height, c.width, c.inChannels],
    wShape,
    c.strides,
    1,
    c.pad,
  );
  const [n, oh, ow, oc] = info.outShape;
  const dyShape = c.dataFormat === 'NHWC' ? [n, oh, ow, oc] : [n, oc, oh, ow];
  const xs = randValues(rand, xShape.reduce((p, d) => p * d, 1));
  const ws = randValues(rand, wShape.reduce((p, d) => p * d, 1));
  const dys = randValues(rand, dyShape.reduce((p, d) => p * d, 1));
  return () => {
    const x = tf.tensor4d(xs, xShape);
    const w = tf.tensor4d(ws, wShape);
    const dy = tf.tensor(dys, dyShape);
    if (c.dataFormat === 'NCHW') {
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat };
      const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: xShape });
      const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: wShape });
      return [dx as tf.Tensor, dw as tf.Tensor];
    }
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad, c.dataFormat);
    return tf.grads(f)([x, w], dy);
  };
}

/** Random 1D (height 1, as tfjs' conv1d) and 2D cases within the sizes our nets use. */
function randomCases(count: number, seed: number): ConvCase[] {
  const rand = createPrng(seed).next;
  return Array.from({ length: count }, (_, i) => {
    const oneD = i % 3 !== 2;
    const filterWidth = randInt(rand, 1, 7);
    const filterHeight = oneD ? 1 : randInt(rand, 1, 3);
    const pad = rand() < 0.5 ? 'same' : 'valid';
    return {
      batch: randInt(rand, 1, 3),
      height: oneD ? 1 : randInt(rand, filterHeight, 6),
      width: randInt(rand, filterWidth, 24),
      inChannels: randInt(rand, 1, 6),
      outChannels: randInt(rand, 1, 6),
      filterHeight,
      filterWidth,
      strides: oneD ? [1, randInt(rand, 1, 2)] : [randInt(rand, 1, 2), randInt(rand, 1, 2)],
      pad,
      dataFormat: 'NHWC',
    } satisfies ConvCase;
  });
}

const base: ConvCase = {
  batch: 2,
  height: 1,
  width: 19,
  inChannels: 3,
  outChannels: 4,
  filterHeight: 1,
  filterWidth: 5,
  strides: [1, 1],
  pad: 'same',
  dataFormat: 'NHWC',
};

const specialCases: ConvCase[] = [
  // Filter wider than the input under 'same' padding: windows hang over both edges.
  { ...base, width: 4, filterWidth: 7 },
  // Even filter: 'same' pads one more column after than before.
  { ...base, filterWidth: 4, strides: [1, 2] },
  // Strided 'valid' conv that never reaches the last input columns (they get zero grad).
  { ...base, width: 20, filterWidth: 3, strides: [1, 3], pad: 'valid' },
  // Explicit, asymmetric padding, larger than the filter on one side.
  { ...base, height: 3, filterHeight: 2, pad: [[0, 0], [1, 0], [4, 1], [0, 0]] },
  // Channels-first layout.
  { ...base, height: 4, filterHeight: 3, strides: [2, 1], dataFormat: 'NCHW' },
  { ...base, height: 1, width: 11, filterWidth: 3, strides: [1, 2], pad: 'valid', dataFormat: 'NCHW' },
  // Large enough that the strided input gradient works through several chunks.
  { ...base, batch: 8, width: 2000, inChannels: 32, outChannels: 3, filterWidth: 7, strides: [1, 2] },
];

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('conv2DBackpropFilterConfig and conv2DBackpropInputConfig', () => {
  it('are the kernels registered for wasm', () => {
    registerWasmTrainingKernels();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc).toBe(conv2DBackpropFilterConfig.kernelFunc);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc).toBe(conv2DBackpropInputConfig.kernelFunc);
  });

  it.each(randomCases(24, 20240611).map((c, i) => [describeCase(c), c, i] as const))(
    'match the cpu backend on random case %s',
    async (_name, c, i) => {
      await expectSameOnWasm(convGrads(c, 1000 + i));
    },
  );

  it.each(specialCases.map((c, i) => [describeCase(c), c, i] as const))(
    'match the cpu backend on edge case %s',
    async (_name, c, i) => {
      await expectSameOnWasm(convGrads(c, 2000 + i));
    },
  );

  it('match the cpu backend through tf.conv1d (the path tfjs-layers Conv1D takes)', async () => {
    const rand = createPrng(7).next;
    const [xs, ws] = [randValues(rand, 3 * 30 * 4), randValues(rand, 5 * 4 * 6)];
    await expectSameOnWasm(() => {
      const loss = (x: tf.Tensor, w: tf.Tensor): tf.Tensor =>
        tf.sum(tf.square(tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 1, 'same')));
      return tf.grads(loss)([tf.tensor3d(xs, [3, 30, 4]), tf.tensor3d(ws, [5, 4, 6])]);
    });
  });

  it('leave dilated convolutions to tfjs, which refuses their gradients on every backend', async () => {
    const x = tf.ones([1, 1, 9, 1]);
    const w = tf.ones([1, 3, 1, 1]);
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same', 'NHWC', [1, 2]);
    expect(() => tf.grads(f)([x, w])).toThrow(/dilation rates greater than 1/);
    tf.dispose([x, w]);
  });
});
