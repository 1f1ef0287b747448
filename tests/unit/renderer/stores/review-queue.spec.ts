/**
 * The review set under the flagging threshold (stores/review-queue.ts) and the
 * next/previous-flagged keys in a sorted flagged list (stores/review-panels.ts
 * `stepFlagged`), against a stand-in API that answers `review:flagged` from a list of beats.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick, reactive } from 'vue';
import type { FlaggedFilter, ReviewBeat, ReviewStatus } from '../../../../src/shared/review';
import type { RendererApi } from '../../../../src/shared/api';
import { ok } from '../../../../src/shared/result';

/** Beats with a confidence each; an N beat is flagged below the threshold, as the services say. */
const beats: ReviewBeat[] = [0.95, 0.7, 0.85, 0.6, 0.9].map((confidence, id) => ({
  id, sample: id * 360, timeSec: id, label: 'N', predicted: 'N', confidence, uncertainty: [0.1, 0.3, 0.05, 0.4, 0.2][id]!,
  reviewed: false, added: false, flagged: false, templateId: 0,
}));
const flaggedCalls: Record<string, unknown>[] = [];
const api = {
  transport: 'loopback',
  on: () => () => undefined,
  calls: {
    'review:flagged': (arg: { confidenceThreshold: number; sort: string; offset: number; limit: number }) => {
      flaggedCalls.push(arg);
      const rows = beats.filter((b) => b.confidence! < arg.confidenceThreshold);
      if (arg.sort === 'uncertainty') rows.sort((a, b) => b.uncertainty! - a.uncertainty!);
      return Promise.resolve(ok({ total: rows.length, beats: rows.slice(arg.offset, arg.offset + arg.limit) }));
    },
    'review:templates': () => Promise.resolve(ok([])),
    'review:summary': () => Promise.resolve(ok({ events: [] })),
    'review:audit': () => Promise.resolve(ok([])),
  },
} as unknown as RendererApi;

const jumped: number[] = [];
const review = reactive({
  status: null as ReviewStatus | null,
  flaggedFilter: {} as FlaggedFilter,
  confidenceThreshold: 0.8,
  selectedBeatId: null as number | null,
  notice: null as string | null,
  get revision() {
    return this.status?.revision ?? 0;
  },
  jumpToBeat(beat: { id: number }) {
    jumped.push(beat.id);
    this.selectedBeatId = beat.id;
  },
  stepFlagged: vi.fn(() => Promise.resolve()),
});

vi.mock('../../../../src/renderer/src/api', () => ({ getApi: () => api }));
vi.mock('../../../../src/renderer/src/stores/review', () => ({ useReviewStore: () => review }));

const { coverageOf, useReviewQueueStore, PREVIEW_DEBOUNCE_MS } = await import('../../../../src/renderer/src/stores/review-queue');
const { useReviewPanelsStore } = await import('../../../../src/renderer/src/stores/review-panels');

function status(revision: number): ReviewStatus {
  return {
    recordingId: 'rec-1', state: 'done', analysedSec: 5, fraction: 1, message: '', beatCount: beats.length, flaggedCount: 0, revision,
    canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, model: null, restored: false, savedAt: null, error: null,
    uncertainty: { state: 'done', fraction: 1, passes: 10 }, adaptation: null,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await nextTick();
    await Promise.resolve();
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
  flaggedCalls.length = 0;
  jumped.length = 0;
  Object.assign(review, { status: null, flaggedFilter: {}, confidenceThreshold: 0.8, selectedBeatId: null, notice: null });
  review.stepFlagged.mockClear();
});
afterEach(() => vi.useRealTimers());

describe('coverageOf', () => {
  it('gives the share of beats not sent to review, null without a count or beats', () => {
    expect(coverageOf(25, 100)).toBe(0.75);
    expect(coverageOf(0, 100)).toBe(1);
    expect(coverageOf(null, 100)).toBeNull();
    expect(coverageOf(3, 0)).toBeNull();
  });
});

describe('useReviewQueueStore', () => {
  it('counts the beats under the threshold, and recounts for a dragged threshold after a pause', async () => {
    const queue = useReviewQueueStore();
    review.status = status(1);
    await settle();
    expect(queue.sent).toBe(2); // 0.7 and 0.6 are below 0.8
    expect(queue.coverage).toBeCloseTo(0.6, 9);
    expect(queue.countedThreshold).toBe(0.8);

    queue.preview(0.92);
    await settle();
    expect(queue.sent).toBe(2); // not yet: debounced
    vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS);
    await settle();
    expect(queue.sent).toBe(4);
    expect(queue.countedThreshold).toBe(0.92);
    expect(flaggedCalls.at(-1)).toMatchObject({ recordingId: 'rec-1', confidenceThreshold: 0.92, offset: 0, limit: 1 });

    queue.preview(null);
    vi.advanceTimersByTime(0);
    await settle();
    expect(queue.sent).toBe(2);
  });
});

describe('useReviewPanelsStore.stepFlagged', () => {
  it('walks the list in its sorted order and says so at its end', async () => {
    const panels = useReviewPanelsStore();
    review.status = status(1);
    panels.sort = 'uncertainty';
    await settle();
    for (let i = 0; i < 3; i++) {
      await panels.stepFlagged(1);
      await settle();
    }
    // Below 0.8: beats 3 (uncertainty 0.4) then 1 (0.3); then nothing further.
    expect(jumped).toEqual([3, 1]);
    expect(review.notice).toMatch(/No further flagged beat/);
    await panels.stepFlagged(-1);
    expect(jumped).toEqual([3, 1, 3]);
    expect(review.stepFlagged).not.toHaveBeenCalled();
  });

  it('leaves the time order to the services', async () => {
    const panels = useReviewPanelsStore();
    review.status = status(1);
    await settle();
    await panels.stepFlagged(1);
    expect(review.stepFlagged).toHaveBeenCalledWith(1);
    expect(jumped).toEqual([]);
  });
});
