/**
 * TensorFlow.js backend support for training in the main process without native
 * libraries: the `wasm` backend, started (optionally threaded) by `initWasmBackend` and
 * made able to train our CNN + attention networks quickly by
 * `registerWasmTrainingKernels`. Typical use:
 *
 *   await initWasmBackend({ threads: 2 });
 *   registerWasmTrainingKernels();
 */
export { registerWasmTrainingKernels } from './wasm-training-kernels';
export { initWasmBackend, MAX_WASM_THREADS, type WasmInitOptions } from './wasm-threads';
