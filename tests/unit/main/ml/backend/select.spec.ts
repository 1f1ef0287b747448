import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  describeNativeLoadFailure,
  resolvePreference,
  selectBackend,
} from '../../../../../src/main/ml/backend/select';
import { isInstalled } from '../../../../support/installed';

const nativeAbsent = !isInstalled('@tensorflow/tfjs-node') && !isInstalled('@tensorflow/tfjs-node-gpu');

describe('selectBackend', () => {
  it.runIf(nativeAbsent)('picks wasm on auto here, saying why the two native backends were not used, and logs once', async () => {
    const log = vi.fn();
    const selection = await selectBackend(undefined, { env: {}, log });
    expect(selection.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selection.tried.map((t) => [t.name, t.ok])).toEqual([
      ['tensorflow-gpu', false],
      ['tensorflow', false],
      ['wasm', true],
    ]);
    expect(selection.tried[0]?.why).toMatch(/@tensorflow\/tfjs-node-gpu is not installed/);
    expect(selection.tried[1]?.why).toMatch(/@tensorflow\/tfjs-node is not installed/);
    expect(selection.reason).toMatch(/^auto: WebAssembly, 1 thread\(s\), \d+ training kernels registered; not used: tensorflow-gpu: /);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/^TensorFlow\.js backend: wasm \(auto: /);
    const again = vi.fn();
    await selectBackend('wasm', { log: again });
    expect(again).not.toHaveBeenCalled();
    // The training kernels are in place: a conv gradient runs on wasm.
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.conv1d(x as tf.Tensor3D, tf.ones([3, 1, 2]), 1, 'same')));
    expect(grad(tf.ones([1, 5, 1])).shape).toEqual([1, 5, 1]);
  });

  it('picks cpu when asked, by argument or by RA_TF_BACKEND, the argument winning', async () => {
    const byArgument = await selectBackend('cpu', { env: { RA_TF_BACKEND: 'wasm' } });
    expect(byArgument).toMatchObject({ name: 'cpu', tried: [{ name: 'cpu', ok: true }] });
    expect(byArgument.reason).toMatch(/^requested: pure JavaScript/);
    expect(tf.getBackend()).toBe('cpu');
    const byEnv = await selectBackend(undefined, { env: { RA_TF_BACKEND: 'cpu' } });
    expect(byEnv.reason).toMatch(/^RA_TF_BACKEND=cpu: /);
    await selectBackend('wasm', { env: { RA_TF_BACKEND: 'cpu' } });
    expect(tf.getBackend()).toBe('wasm');
  });

  it.runIf(nativeAbsent)('refuses an explicitly requested native backend that is not installed, saying why', async () => {
    await expect(selectBackend('tensorflow-gpu', { env: {} })).rejects.toThrow(BackendError);
    await expect(selectBackend('tensorflow', { env: {} })).rejects.toThrow(/no TensorFlow\.js backend could start \(tensorflow\): tensorflow: @tensorflow\/tfjs-node is not installed/);
  });

  it('refuses an unknown backend with a clear error', async () => {
    await expect(selectBackend('webgpu' as 'cpu')).rejects.toThrow(/unknown TensorFlow\.js backend 'webgpu' \(as argument\); choose one of auto, tensorflow-gpu, tensorflow, wasm, cpu/);
    await expect(selectBackend(undefined, { env: { RA_TF_BACKEND: 'gpu' } })).rejects.toThrow(/'gpu' \(from RA_TF_BACKEND\)/);
  });
});

describe('resolvePreference', () => {
  it('takes the argument, else RA_TF_BACKEND, else auto (an empty variable counts as unset)', () => {
    expect(resolvePreference('cpu', { RA_TF_BACKEND: 'wasm' })).toBe('cpu');
    expect(resolvePreference(undefined, { RA_TF_BACKEND: 'wasm' })).toBe('wasm');
    expect(resolvePreference(undefined, { RA_TF_BACKEND: '' })).toBe('auto');
    expect(resolvePreference(undefined, {})).toBe('auto');
    expect(() => resolvePreference('CPU', {})).toThrow(BackendError);
  });
});

describe('describeNativeLoadFailure', () => {
  it('names missing CUDA libraries, with the versions libtensorflow 2.9.1 needs', () => {
    const error = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    expect(describeNativeLoadFailure(error)).toBe(
      'CUDA libraries failed to load (libtensorflow 2.9.1 needs CUDA 11.2 and cuDNN 8.1): libcudart.so.11.0: cannot open shared object file: No such file or directory',
    );
  });

  it('names a libtensorflow load failure, and keeps anything else as it is (first line only)', () => {
    const missing = new Error('libtensorflow.so.2: cannot open shared object file\n    at Module._extensions..node');
    expect(describeNativeLoadFailure(missing)).toBe('libtensorflow failed to load: libtensorflow.so.2: cannot open shared object file');
    expect(describeNativeLoadFailure('something odd')).toBe('failed to load: something odd');
  });
});
