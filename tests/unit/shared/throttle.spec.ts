import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../src/shared/throttle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttle', () => {
  it('runs at once, then folds a burst into one run at the end of the interval (about 4 a second at 250 ms)', async () => {
    const runs: number[] = [];
    const t0 = Date.now();
    const events = throttle(() => runs.push(Date.now() - t0), 250);
    for (let i = 0; i < 100; i++) {
      events.request();
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(500);
    expect(runs[0]).toBe(0);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < runs.length; i++) expect((runs[i] as number) - (runs[i - 1] as number)).toBeGreaterThanOrEqual(250);
  });

  it('runs now on demand and drops the pending trailing run', async () => {
    let runs = 0;
    const events = throttle(() => runs++, 250);
    events.request();
    events.request();
    events.now();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
  });

  it('runs nothing more after cancel', async () => {
    let runs = 0;
    const events = throttle(() => runs++, 250);
    events.request();
    events.request();
    events.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
  });
});
