/**
 * ReviewSession's uncertainty pass, with a hand-made analysis and pass: it waits for the
 * analysis to be done, reports its progress in the status, stops on cancel, and a restored
 * review resumes it from the first beat without a value.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewStatus } from '../../../../src/shared/review';
import type { AnalysisCallbacks, AnalysisHandle, UncertaintyCallbacks } from '../../../../src/main/analysis';
import { ReviewSession, type SessionOptions } from '../../../../src/main/review';
import { chunkOf, FS } from './build';

const BEATS = 10;
const samples = Array.from({ length: BEATS }, (_, i) => (i + 1) * FS);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A handle whose run is `body`, stopped by cancel between its steps. */
function handleOf(body: (cancelled: () => boolean) => Promise<'done' | 'cancelled'>): AnalysisHandle {
  let stop = false;
  return { done: body(() => stop).then((state) => ({ state })), cancel: () => (stop = true) };
}

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'ra-session-unc-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Session options whose pass sends one beat per step and records where each run started; `stallAt` holds it there. */
function optionsOf(runs: number[], statuses: ReviewStatus[], stallAt = Infinity): SessionOptions {
  return {
    headerPath: 'rec.hea', recordName: 'rec', frameRateHz: FS, durationSec: BEATS + 1,
    reviewPath: join(dir, 'rec.json'), fingerprint: { headerPath: 'rec.hea', files: [] },
    analyse: (_from: number, callbacks: AnalysisCallbacks) =>
      handleOf(async () => {
        await tick();
        callbacks.onChunk(chunkOf(samples, 'N'.repeat(BEATS), { confidences: samples.map(() => 0.9) }));
        return 'done';
      }),
    uncertainty: (fromSample: number, callbacks: UncertaintyCallbacks) => {
      runs.push(fromSample);
      return handleOf(async (cancelled) => {
        for (const sample of samples.filter((s) => s >= fromSample)) {
          await tick();
          while (sample >= stallAt * FS && !cancelled()) await tick();
          if (cancelled()) return 'cancelled';
          callbacks.onValues({ samples: Int32Array.of(sample), values: Float32Array.of(sample / FS / 100), fraction: sample / FS / BEATS });
        }
        return 'done';
      });
    },
    uncertaintyPasses: 7,
    emit: (status) => statuses.push(status),
    progress: () => undefined,
    autosaveDelayMs: 0,
    eventIntervalMs: 0,
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(check()).toBe(true);
}

describe('ReviewSession (uncertainty pass)', () => {
  it('waits for the analysis, then runs the pass over every beat and reports it done', async () => {
    const runs: number[] = [];
    const statuses: ReviewStatus[] = [];
    const session = await ReviewSession.open(optionsOf(runs, statuses), 'r1');
    expect(session.status().uncertainty).toEqual({ state: 'waiting', fraction: 0, passes: 7 });
    await until(() => session.status().uncertainty.state === 'done');
    expect(runs).toEqual([FS]);
    expect(session.status().uncertainty).toEqual({ state: 'done', fraction: 1, passes: 7 });
    expect(session.doc.beatById(4)?.uncertainty).toBeCloseTo(0.05, 6);
    // Every status before the analysis was done showed the pass waiting.
    const firstDone = statuses.findIndex((s) => s.state === 'done');
    expect(statuses.slice(0, firstDone).every((s) => s.uncertainty.state === 'waiting')).toBe(true);
    await session.close();
  });

  it('stops on cancel and resumes, after a restore, from the first beat without a value', async () => {
    const runs: number[] = [];
    const first = await ReviewSession.open(optionsOf(runs, [], 4), 'r1');
    await until(() => first.status().uncertainty.fraction === 0.3);
    await first.close();
    expect(first.status().uncertainty.state).toBe('cancelled');

    const second = await ReviewSession.open(optionsOf(runs, []), 'r2');
    expect(second.restored).toBe(true);
    await until(() => second.status().uncertainty.state === 'done');
    expect(runs).toEqual([FS, 4 * FS]);
    expect(second.doc.beatById(9)?.uncertainty).toBeCloseTo(0.1, 6);
    await second.close();

    // Nothing left: a third open reports the pass done without running it.
    const third = await ReviewSession.open(optionsOf(runs, []), 'r3');
    expect(third.status().uncertainty).toEqual({ state: 'done', fraction: 1, passes: 7 });
    expect(runs).toHaveLength(2);
    await third.close();
  });
});
