import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver } from '../../../../src/main/review';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A save that takes `ms` and records when it ran and how many overlapped. */
function slowSave(ms: number) {
  const log = { starts: [] as number[], active: 0, maxActive: 0 };
  const save = async () => {
    log.starts.push(Date.now());
    log.active++;
    log.maxActive = Math.max(log.maxActive, log.active);
    await new Promise((resolve) => setTimeout(resolve, ms));
    log.active--;
  };
  return { save, log };
}

describe('createAutosaver', () => {
  it('saves within the delay of the first change even while changes keep coming', async () => {
    const { save, log } = slowSave(10);
    const saver = createAutosaver(save, { delayMs: 300 });
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) {
      saver.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(log.starts.length).toBeGreaterThanOrEqual(3);
    expect((log.starts[0] as number) - t0).toBeLessThanOrEqual(300);
  });

  it('waits the longer delay a change asks for, and saves within the short delay once an edit comes', async () => {
    const { save, log } = slowSave(10);
    const saver = createAutosaver(save, { delayMs: 300 });
    const t0 = Date.now();
    saver.schedule(5000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.starts).toHaveLength(0);
    saver.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(log.starts).toHaveLength(1);
    expect((log.starts[0] as number) - t0).toBe(1300);
    saver.schedule(5000);
    await vi.advanceTimersByTimeAsync(4999);
    expect(log.starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(log.starts).toHaveLength(2);
  });

  it('never runs two saves at once, and saves a change made during a save afterwards', async () => {
    const { save, log } = slowSave(500);
    const saver = createAutosaver(save, { delayMs: 50 });
    saver.schedule();
    await vi.advanceTimersByTimeAsync(60);
    saver.schedule();
    await vi.advanceTimersByTimeAsync(60);
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(2000);
    await flushed;
    expect(log.maxActive).toBe(1);
    expect(log.starts).toHaveLength(2);
  });

  it('flushes at once and does nothing when nothing changed', async () => {
    const { save, log } = slowSave(1);
    const saver = createAutosaver(save, { delayMs: 10_000 });
    saver.schedule();
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(5);
    await flushed;
    expect(log.starts).toHaveLength(1);
    expect(saver.savedAt).not.toBeNull();
    await saver.flush();
    expect(log.starts).toHaveLength(1);
  });

  it('keeps a failed save unsaved, reports it, and retries on the next flush', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const saver = createAutosaver(
      async () => {
        if (fail) throw new Error('disk full');
      },
      { onError: (e) => errors.push(e) },
    );
    saver.schedule();
    await saver.flush();
    expect(errors).toHaveLength(1);
    expect(saver.lastError).toBeInstanceOf(Error);
    fail = false;
    await saver.flush();
    expect(saver.lastError).toBeNull();
    expect(saver.savedAt).not.toBeNull();
  });
});
