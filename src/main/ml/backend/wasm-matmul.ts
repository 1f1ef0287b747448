/**
 * A `BatchMatMul` for the wasm backend that keeps every product on XNNPACK.
 *
 * The stock kernel sends a product to XNNPACK only when neither operand is transposed and
 * both are single matrices; everything else (each Dense layer's weight and input gradients,
 * every attention product) runs a scalar triple loop about ten times slower. This kernel
 * rewrites the other cases into that one:
 * - a transposed operand is transposed once, for the whole batch, by the Transpose kernel;
 * - a batch of matrices times one matrix is one tall product ([batch·m, k] · [k, n]);
 * - a true batch is a loop of single products over slices of the operands, which are
 *   handed to XNNPACK as aliases of the batch's memory (no copies). Not when the backend
 *   runs XNNPACK threads: then every small product waits for a thread-pool hand-off, and
 *   the loop measured 3–5× slower than the stock kernel, which is used instead.
 * Non-float32 inputs, and batch shapes the stock kernel would broadcast in other ways, go
 * to the stock kernel unchanged.
 */
import { BatchMatMul, broadcast_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { getThreadsCount, type BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  aliasF32,
  allocF32,
  asWasmBackend,
  release,
  releaseAlias,
  runWasmKernel,
  wasmId,
  withShape,
  wrapStockKernel,
} from './wasm-kernel-utils';

/** The compiled BatchMatMul entry point (tfjs-backend-wasm's C signature). */
type RawMatMul = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  transposeA: boolean,
  transposeB: boolean,
  outId: number,
) => void;

type Cwrap = (name: string, ret: null, args: string[]) => RawMatMul;

const rawMatMuls = new WeakMap<BackendWasm, RawMatMul>();

function rawMatMul(backend: BackendWasm): RawMatMul {
  let fn = rawMatMuls.get(backend);
  if (fn === undefined) {
    const { cwrap } = backend.wasm as unknown as { cwrap: Cwrap };
    const args = ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number'];
    fn = cwrap(BatchMatMul, null, args);
    rawMatMuls.set(backend, fn);
  }
  return fn;
}

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

function size(dims: number[]): number {
  return dims.reduce((p, d) => p * d, 1);
}

/** The operand as [batch, rows, cols] with `transposed` undone by a real transpose. */
function upright(backend: BackendWasm, x: TensorInfo, batch: number, transposed: boolean): TensorInfo {
  const [r = 1, c = 1] = x.shape.slice(-2);
  const x3 = withShape(x, [batch, r, c]);
  return transposed ? runWasmKernel(backend, 'Transpose', { x: x3 }, { perm: [0, 2, 1] }) : x3;
}

/** out[i] = a[i or 0] · b[i], one XNNPACK product per slice, through aliases. */
function sliceLoop(backend: BackendWasm, a: TensorInfo, b: TensorInfo, batch: number): TensorInfo {
  const [batchA = 1, m = 1, k = 1] = a.shape;
  const n = b.shape[2] ?? 1;
  const out = allocF32(backend, [batch, m, n]);
  const run = rawMatMul(backend);
  const aShape = shapeBytes([1, m, k]);
  const bShape = shapeBytes([1, k, n]);
  for (let i = 0; i < batch; i++) {
    const ai = aliasF32(backend, a, batchA === 1 ? 0 : i * m * k, [1, m, k]);
    const bi = aliasF32(backend, b, i * k * n, [1, k, n]);
    const oi = aliasF32(backend, out, i * m * n, [1, m, n]);
    run(wasmId(backend, ai), aShape, 3, wasmId(backend, bi), bShape, 3, false, false, wasmId(backend, oi));
    // Releasing b's alias also drops the XNNPACK operator (and packed copy) cached for it.
    releaseAlias(backend, ai);
    releaseAlias(backend, bi);
    releaseAlias(backend, oi);
  }
  return out;
}

/** Routes one product as described in the module note; `stock` handles the rest. */
function matMulVia(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = asWasmBackend(args.backend);
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA = false, transposeB = false } = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const outer = broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
    const [batch, batchA, batchB] = [size(outer), size(outerA), size(outerB)];
    const fast = batch === 1 && !transposeA && !transposeB;
    const aligned = (batchA === 1 || batchA === batch) && (batchB === 1 || batchB === batch);
    // Threaded, each small XNNPACK product pays a thread-pool hand-off that costs more than
    // the product (measured: 5× slower than the stock loop); see the module note.
    const slicesUnthreaded = batchB === 1 || getThreadsCount() <= 1;
    if (fast || !aligned || !slicesUnthreaded || a.dtype !== 'float32' || b.dtype !== 'float32') return stock(args);
    const aUp = upright(backend, a, batchA, transposeA);
    const bUp = upright(backend, b, batchB, transposeB);
    const [, m = 1, k = 1] = aUp.shape;
    const n = bUp.shape[2] ?? 1;
    let out: TensorInfo;
    if (batchB === 1) {
      // Every slice of a meets the same b: stack a's rows into one tall product.
      const inputs = { a: withShape(aUp, [1, batchA * m, k]), b: bUp };
      out = stock({ inputs, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
    } else {
      out = sliceLoop(backend, aUp, bUp, batch);
    }
    if (aUp.dataId !== a.dataId) release(backend, aUp);
    if (bUp.dataId !== b.dataId) release(backend, bUp);
    return withShape(out, [...outer, m, n]);
  };
}

/**
 * Builds our BatchMatMul config around the stock one (whose setup, which binds the C
 * function, it keeps).
 */
export function batchMatMulConfigFrom(stock: KernelConfig): KernelConfig {
  return wrapStockKernel(BatchMatMul, stock, matMulVia(stock.kernelFunc));
}
