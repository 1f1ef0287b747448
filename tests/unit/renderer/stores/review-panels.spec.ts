import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick, reactive } from 'vue';
import type { FlaggedFilter, ReviewStatus } from '../../../../src/shared/review';
import type { RendererApi } from '../../../../src/shared/api';
import { ok } from '../../../../src/shared/result';

/** Calls the panels store made, by channel, with their arguments. */
const calls: { channel: string; arg: Record<string, unknown> }[] = [];
function answer(channel: string, value: unknown) {
  return (arg: Record<string, unknown>) => {
    calls.push({ channel, arg });
    return Promise.resolve(ok(value));
  };
}
const api = {
  transport: 'loopback',
  on: () => () => undefined,
  calls: {
    'review:flagged': answer('review:flagged', { total: 0, beats: [] }),
    'review:templates': answer('review:templates', []),
    'review:summary': answer('review:summary', { events: [] }),
    'review:audit': answer('review:audit', []),
  },
} as unknown as RendererApi;

/** The part of the review store the panels read, as a plain reactive object. */
const review = reactive({
  status: null as ReviewStatus | null,
  flaggedFilter: {} as FlaggedFilter,
  confidenceThreshold: 0.8,
  get revision() {
    return this.status?.revision ?? 0;
  },
});

vi.mock('../../../../src/renderer/src/api', () => ({ getApi: () => api }));
vi.mock('../../../../src/renderer/src/stores/review', () => ({ useReviewStore: () => review }));

const { useReviewPanelsStore, REFRESH_INTERVAL_MS, ANALYSIS_REFRESH_INTERVAL_MS } = await import('../../../../src/renderer/src/stores/review-panels');

function status(revision: number, state: ReviewStatus['state'] = 'running'): ReviewStatus {
  return {
    recordingId: 'rec-1', state, analysedSec: 0, fraction: 0, message: '', beatCount: 0, flaggedCount: 0, revision,
    canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, model: null, restored: false, savedAt: null, error: null,
    uncertainty: { state: 'waiting', fraction: 0, passes: 20 }, adaptation: null,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await nextTick();
    await Promise.resolve();
  }
}

const count = (channel: string) => calls.filter((c) => c.channel === channel).length;

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
  calls.length = 0;
  review.status = null;
  review.flaggedFilter = {};
});
afterEach(() => vi.useRealTimers());

describe('useReviewPanelsStore', () => {
  it('fetches the flagged list when a review starts, and only the open tab', async () => {
    useReviewPanelsStore();
    review.status = status(1);
    await settle();
    expect(count('review:flagged')).toBe(1);
    expect(calls[0]?.arg).toMatchObject({ recordingId: 'rec-1', sort: 'time', offset: 0, limit: 200, confidenceThreshold: 0.8 });
    expect(count('review:summary')).toBe(0);
  });

  it.each([
    ['after edits', 'done', REFRESH_INTERVAL_MS],
    ['while the analysis runs', 'running', ANALYSIS_REFRESH_INTERVAL_MS],
  ] as const)('fetches a tab when it opens and again after the review changes %s, at most once per interval', async (_when, state, interval) => {
    const panels = useReviewPanelsStore();
    review.status = status(1, state);
    panels.tab = 'summary';
    await settle();
    expect(count('review:summary')).toBe(1);
    review.status = status(2, state);
    await settle();
    expect(count('review:summary')).toBe(2);
    review.status = status(3, state);
    await settle();
    review.status = status(4, state);
    await settle();
    expect(count('review:summary')).toBe(2);
    vi.advanceTimersByTime(interval - 1);
    await settle();
    expect(count('review:summary')).toBe(2);
    vi.advanceTimersByTime(1);
    await settle();
    expect(count('review:summary')).toBe(3);
    // The shared review object outlives this store: stop its watchers for the next case.
    panels.$dispose();
  });

  it('does not refetch a tab reopened at the revision it already has', async () => {
    const panels = useReviewPanelsStore();
    review.status = status(5);
    panels.tab = 'audit';
    await settle();
    panels.tab = 'flagged';
    await settle();
    panels.tab = 'audit';
    await settle();
    expect(count('review:audit')).toBe(1);
  });

  it('refetches the flagged list from the top with the new filter, dropping empty class lists', async () => {
    const panels = useReviewPanelsStore();
    review.status = status(1);
    await settle();
    review.flaggedFilter = { labels: ['V'], unreviewedOnly: true };
    await settle();
    expect(calls.at(-1)?.arg).toMatchObject({ labels: ['V'], unreviewedOnly: true, offset: 0 });
    review.flaggedFilter = { labels: [] };
    panels.sort = 'confidence';
    await settle();
    const last = calls.at(-1)?.arg ?? {};
    expect(last.labels).toBeUndefined();
    expect(last.sort).toBe('confidence');
  });
});
