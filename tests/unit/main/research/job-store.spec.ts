import { describe, expect, it } from 'vitest';
import { interruptedState, newestFirst, parseJobState } from '../../../../src/main/research/job-store';
import { newJobState } from '../../../../src/main/research/job-history';

const split = { train: ['101'], validation: ['118'], test: ['100'] };
const state = newJobState('job-a', 'A', 3, split, new Date('2026-01-02T00:00:00Z'));

describe('parseJobState', () => {
  it('reads a saved state back as it was', () => {
    expect(parseJobState(JSON.stringify(state), 'job-a')).toEqual(state);
  });

  it('gives fields a state was saved without their neutral value', () => {
    const { evaluation: _e, phase: _p, resumable: _r, ...old } = state;
    expect(parseJobState(JSON.stringify(old), 'job-a')).toMatchObject({ evaluation: null, phase: 'ended', resumable: false });
  });

  it('returns null for a damaged file, another job\'s state or an unknown status', () => {
    expect(parseJobState('{"id":"job-a",', 'job-a')).toBeNull();
    expect(parseJobState(JSON.stringify(state), 'job-b')).toBeNull();
    expect(parseJobState(JSON.stringify({ ...state, status: 'paused' }), 'job-a')).toBeNull();
    expect(parseJobState('null', 'job-a')).toBeNull();
  });
});

describe('interruptedState', () => {
  const now = new Date('2026-01-03T00:00:00Z');
  it('turns a running job into a cancelled one, resumable with a checkpoint', () => {
    expect(interruptedState(state, true, now)).toMatchObject({ status: 'cancelled', phase: 'ended', endedAt: now.toISOString(), resumable: true });
    expect(interruptedState(state, false, now)).toMatchObject({ status: 'cancelled', resumable: false });
  });

  it('leaves an ended job alone, and a job that saved its model is not resumable', () => {
    const done = { ...state, status: 'completed' as const };
    expect(interruptedState(done, true, now)).toBe(done);
    expect(interruptedState({ ...state, phase: 'evaluating', modelId: 'a' }, true, now)).toMatchObject({ status: 'cancelled', resumable: false });
  });
});

describe('newestFirst', () => {
  it('sorts by start time, newest first', () => {
    const older = { ...state, id: 'job-0', startedAt: '2026-01-01T00:00:00.000Z' };
    expect([older, state].sort(newestFirst).map((s) => s.id)).toEqual(['job-a', 'job-0']);
  });
});
