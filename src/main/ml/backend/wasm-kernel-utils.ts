/**
 * Small helpers shared by our extra kernels for the TensorFlow.js `wasm` backend.
 *
 * Our kernels run in JavaScript but keep every tensor on the wasm heap: they allocate
 * outputs with `backend.makeOutput`, read and write through `typedArrayFromHeap` views,
 * and hand the heavy products to the backend's own compiled kernels (BatchMatMul and
 * Conv2D are XNNPACK underneath) by calling their registered kernel functions directly,
 * as the backend's own kernels call one another. Nothing here goes through the engine,
 * so no intermediate tensor is tracked by (or leaks into) `tf.memory()`.
 *
 * Heap views must be taken after the last allocation that precedes their use: an
 * allocation may grow the wasm memory, which detaches every earlier view.
 */
import { getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Name under which tfjs registers the WebAssembly backend. */
export const WASM_BACKEND = 'wasm';

/**
 * Narrows a kernel's `backend` argument to the wasm backend.
 * @throws Error when a kernel registered for 'wasm' is handed some other backend.
 */
export function asWasmBackend(backend: unknown): BackendWasm {
  const candidate = backend as Partial<BackendWasm> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    candidate.dataIdMap === undefined ||
    typeof candidate.makeOutput !== 'function' ||
    typeof candidate.typedArrayFromHeap !== 'function'
  ) {
    throw new Error('wasm training kernel called with a backend that is not the tfjs wasm backend');
  }
  return candidate as BackendWasm;
}

/**
 * Runs another kernel registered for the wasm backend (e.g. 'BatchMatMul') on tensors
 * that live on the wasm heap and returns its single output, owned by the caller.
 * @throws Error when the kernel is not registered or returns several outputs.
 */
export function runWasmKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = getKernel(kernelName, WASM_BACKEND);
  if (config === undefined) {
    throw new Error(`wasm training kernels need the wasm kernel '${kernelName}', which is not registered`);
  }
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) {
    throw new Error(`wasm kernel '${kernelName}' returned ${out.length} outputs where one was expected`);
  }
  return out;
}

/** Allocates an uninitialised float32 tensor on the wasm heap. */
export function allocF32(backend: BackendWasm, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

/** Allocates a float32 tensor on the wasm heap filled with zeros. */
export function zerosF32(backend: BackendWasm, shape: number[]): TensorInfo {
  const info = allocF32(backend, shape);
  f32(backend, info).fill(0);
  return info;
}

/**
 * A Float32Array view of a float32 tensor's heap memory. Valid only until the next
 * allocation on the heap (see the module note).
 * @throws Error when the tensor is not float32.
 */
export function f32(backend: BackendWasm, info: TensorInfo): Float32Array {
  if (info.dtype !== 'float32') {
    throw new Error(`wasm training kernels expect float32 tensors, got ${info.dtype}`);
  }
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Same data, another shape: a free reinterpretation for kernels that read by shape. */
export function withShape(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Releases intermediate tensors made by `allocF32`, `zerosF32` or `runWasmKernel`. */
export function release(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * A float32 tensor that aliases part of another one's heap memory (`offset` floats in),
 * so that one slice of a batch can be handed to a compiled kernel without a copy.
 * `makeOutput` with a memory offset registers the id without allocating. Release it with
 * `releaseAlias`, never `release`: the memory belongs to `base`.
 */
export function aliasF32(backend: BackendWasm, base: TensorInfo, offset: number, shape: number[]): TensorInfo {
  const { memoryOffset } = backend.dataIdMap.get(base.dataId);
  return backend.makeOutput(shape, 'float32', memoryOffset + offset * Float32Array.BYTES_PER_ELEMENT);
}

/**
 * Forgets an alias made by `aliasF32` without freeing its memory. The C++ side still gets
 * its disposal call, which drops any XNNPACK operator cached for that id.
 */
export function releaseAlias(backend: BackendWasm, alias: TensorInfo): void {
  const { id } = backend.dataIdMap.get(alias.dataId);
  backend.wasm.tfjs.disposeData(id);
  backend.dataIdMap.delete(alias.dataId);
}

/** The wasm backend's numeric id of a tensor (what its C functions take). */
export function wasmId(backend: BackendWasm, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).id;
}

/**
 * Our kernel for `kernelName` on wasm, keeping the stock kernel's setup function: the setup
 * binds the compiled C function that our kernel still calls for the cases it hands back.
 */
export function wrapStockKernel(kernelName: string, stock: KernelConfig, kernelFunc: KernelFunc): KernelConfig {
  const config: KernelConfig = { kernelName, backendName: WASM_BACKEND, kernelFunc };
  if (stock.setupFunc !== undefined) config.setupFunc = stock.setupFunc;
  return config;
}
