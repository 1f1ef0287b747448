import { describe, expect, it } from 'vitest';
import type { ReviewStatus } from '../../../../src/shared/review';
import { analysisOnly, unchangedBeforeSec, uncertaintyOnly } from '../../../../src/renderer/src/stores/review-revisions';

function status(over: Partial<ReviewStatus> = {}): ReviewStatus {
  return {
    recordingId: 'rec', state: 'done', analysedSec: 1800, fraction: 1, message: '', beatCount: 2000, flaggedCount: 40, revision: 5,
    canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, model: null, restored: false, savedAt: null, error: null,
    uncertainty: { state: 'running', fraction: 0.2, passes: 20 }, adaptation: null, reviewedCount: 0, ...over,
  };
}

describe('analysisOnly', () => {
  it('holds for two running steps with no edit between', () => {
    expect(analysisOnly(status({ state: 'running' }), status({ state: 'running', revision: 6 }))).toBe(true);
    expect(analysisOnly(status({ state: 'running' }), status({ state: 'running', canUndo: true, undoLabel: 'relabel 1 beat' }))).toBe(false);
    expect(analysisOnly(status({ state: 'running' }), status({ state: 'done' }))).toBe(false);
  });
});

describe('uncertaintyOnly', () => {
  it('holds when only the uncertainty pass went on', () => {
    expect(uncertaintyOnly(status(), status({ revision: 6, uncertainty: { state: 'running', fraction: 0.3, passes: 20 } }))).toBe(true);
  });

  it('fails when the pass did not move or anything else changed', () => {
    const moved = { uncertainty: { state: 'running' as const, fraction: 0.3, passes: 20 } };
    expect(uncertaintyOnly(status(), status({ revision: 6 }))).toBe(false);
    expect(uncertaintyOnly(status(), status({ ...moved, canUndo: true, undoLabel: 'delete 1 beat' }))).toBe(false);
    expect(uncertaintyOnly(status(), status({ ...moved, beatCount: 1999 }))).toBe(false);
    expect(uncertaintyOnly(status(), status({ ...moved, reviewedCount: 1 }))).toBe(false);
    expect(uncertaintyOnly(status({ state: 'running' }), status({ ...moved, state: 'running' }))).toBe(false);
    const adaptation = { state: 'done' as const, fraction: 1, message: '', reviewedBeats: 10, replayBeats: 100, changedBeats: 3, startedAt: 'a', endedAt: 'b', modelId: 'm', error: null };
    expect(uncertaintyOnly(status(), status({ ...moved, adaptation }))).toBe(false);
  });
});

describe('unchangedBeforeSec', () => {
  it('gives the analysed time for an analysis step, everything for an uncertainty step, nothing otherwise', () => {
    expect(unchangedBeforeSec(status({ state: 'running', analysedSec: 600 }), status({ state: 'running', analysedSec: 700 }))).toBe(600);
    expect(unchangedBeforeSec(status(), status({ uncertainty: { state: 'done', fraction: 1, passes: 20 } }))).toBe(Infinity);
    expect(unchangedBeforeSec(status(), status({ flaggedCount: 41 }))).toBe(0);
  });
});
