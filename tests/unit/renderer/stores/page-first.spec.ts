import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_DEFER_MS, afterPageShown, pageLoad } from '../../../../src/renderer/src/stores/page-first';

/** A promise settled from outside. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

describe('afterPageShown', () => {
  it('runs a task after the next frame when no page load is under way', () => {
    const task = vi.fn();
    afterPageShown('a', task);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits while a page load is under way, and runs after the frame that follows it', async () => {
    const load = deferred();
    void pageLoad(load.promise);
    const task = vi.fn();
    afterPageShown('a', task);
    vi.advanceTimersByTime(50);
    expect(task).not.toHaveBeenCalled();
    load.resolve();
    await flush();
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs anyway after MAX_DEFER_MS when a page load never settles', () => {
    void pageLoad(new Promise(() => undefined));
    const task = vi.fn();
    afterPageShown('a', task);
    vi.advanceTimersByTime(MAX_DEFER_MS - 1);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs only the latest task of a key, and the tasks of other keys too', () => {
    const [old, latest, other] = [vi.fn(), vi.fn(), vi.fn()];
    afterPageShown('a', old);
    afterPageShown('b', other);
    afterPageShown('a', latest);
    vi.advanceTimersByTime(0);
    expect(old).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
    expect(other).toHaveBeenCalledTimes(1);
  });
});

describe('pageLoad', () => {
  it('returns the load itself, failures included', async () => {
    await expect(pageLoad(Promise.resolve(3))).resolves.toBe(3);
    await expect(pageLoad(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
