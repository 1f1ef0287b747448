/**
 * Registers the kernels that let the TensorFlow.js `wasm` backend train our networks (a
 * residual 1D CNN with self-attention) at a useful speed. What each one fixes, found by
 * profiling a training step of that network, batch 128:
 * - Conv2DBackpropFilter (missing) and Conv2DBackpropInput (naive loops): wasm-conv-grads.ts;
 * - BatchMatMul with transposed or batched operands (scalar loops): wasm-matmul.ts;
 * - Tile, Equal with broadcasting, MaxPoolGrad (per-element index arithmetic): wasm-tile.ts,
 *   wasm-equal.ts, wasm-max-pool-grad.ts;
 * - Sum/Mean over leading axes (a transpose first) and Identity (a copy): wasm-reduce.ts;
 * - gradients made of many activation-sized passes: Tile (one Slice + Add per
 *   repetition), Mean (fill, multiply, divide) and FusedBatchNorm (about fourteen passes;
 *   one on wasm): tile-grad.ts, mean-grad.ts, batch-norm-grad.ts.
 */
import '@tensorflow/tfjs-backend-wasm';
// tfjs-layers' bundle is what registers tfjs-core's gradients; load it before we replace
// some of them, so that a later first import of it cannot put the stock ones back.
import '@tensorflow/tfjs-layers';
import {
  BatchMatMul,
  Equal,
  getKernel,
  Identity,
  MaxPoolGrad,
  Mean,
  registerKernel,
  Sum,
  Tile,
  unregisterKernel,
  type KernelConfig,
  type KernelFunc,
} from '@tensorflow/tfjs-core';
import { batchNormGradConfig, registerBatchNormGradient } from './batch-norm-grad';
import { registerMeanGradient } from './mean-grad';
import { registerTileGradient } from './tile-grad';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from './wasm-conv-grads';
import { equalConfigFrom } from './wasm-equal';
import { batchMatMulConfigFrom } from './wasm-matmul';
import { maxPoolGradConfigFrom } from './wasm-max-pool-grad';
import { identityConfigFrom, meanConfigFrom, sumConfigFrom } from './wasm-reduce';
import { tileConfigFrom } from './wasm-tile';
import { WASM_BACKEND } from './wasm-kernel-utils';

/** How to make our kernel from whatever tfjs-backend-wasm registered under that name. */
interface KernelSource {
  kernelName: string;
  build: (stock: KernelConfig | undefined) => KernelConfig;
}

function wrapping(kernelName: string, from: (stock: KernelConfig) => KernelConfig): KernelSource {
  return {
    kernelName,
    build: (stock) => {
      if (stock === undefined) {
        throw new Error(`tfjs-backend-wasm registered no '${kernelName}' kernel for ours to fall back on`);
      }
      return from(stock);
    },
  };
}

const SOURCES: readonly KernelSource[] = [
  { kernelName: conv2DBackpropFilterConfig.kernelName, build: () => conv2DBackpropFilterConfig },
  { kernelName: conv2DBackpropInputConfig.kernelName, build: () => conv2DBackpropInputConfig },
  { kernelName: batchNormGradConfig.kernelName, build: () => batchNormGradConfig },
  wrapping(BatchMatMul, batchMatMulConfigFrom),
  wrapping(Tile, tileConfigFrom),
  wrapping(Equal, equalConfigFrom),
  wrapping(MaxPoolGrad, maxPoolGradConfigFrom),
  wrapping(Sum, sumConfigFrom),
  wrapping(Mean, meanConfigFrom),
  wrapping(Identity, identityConfigFrom),
];

/** Kernel functions registered by us, to recognise them on a second call. */
const ours = new WeakSet<KernelFunc>();

/**
 * Registers our training kernels for the 'wasm' backend, replacing the backend's own where
 * it has one (the replaced kernel stays in use for the cases ours hand back to it), and
 * our Tile, Mean and FusedBatchNorm gradients (for every backend; the last uses its
 * one-pass kernel only on wasm). Idempotent. Works before or after the backend is
 * initialised: wrapped kernels keep the stock kernel's setup function.
 * @returns the names of the kernels now served by our implementations.
 * @throws Error when tfjs-backend-wasm lacks a kernel we wrap (a version mismatch).
 */
export function registerWasmTrainingKernels(): string[] {
  for (const source of SOURCES) {
    const current = getKernel(source.kernelName, WASM_BACKEND);
    if (current !== undefined && ours.has(current.kernelFunc)) continue;
    const config = source.build(current);
    ours.add(config.kernelFunc);
    // Unregister first: registerKernel warns when it overwrites.
    if (current !== undefined) unregisterKernel(source.kernelName, WASM_BACKEND);
    registerKernel(config);
  }
  registerTileGradient();
  registerMeanGradient();
  registerBatchNormGradient();
  return SOURCES.map((s) => s.kernelName);
}
