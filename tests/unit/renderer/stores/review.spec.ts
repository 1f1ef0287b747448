import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { fakeReviewApi } from './fake-review-api';

let fake = fakeReviewApi();
vi.mock('../../../../src/renderer/src/api', () => ({ getApi: () => fake.api }));

const { useRecordingStore } = await import('../../../../src/renderer/src/stores/recording');
const { useReviewStore, REFETCH_MS } = await import('../../../../src/renderer/src/stores/review');

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await nextTick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

/** Opens the synthetic record with a 10 s page and lets the review start. */
async function opened() {
  const recording = useRecordingStore();
  const review = useReviewStore();
  recording.setPageDuration(10);
  await recording.open('/data/100.hea');
  await settle();
  return { recording, review };
}

const callsOf = (channel: string) => fake.calls.filter((c) => c.channel === channel);

/** Runs `body` on a fake clock (timeouts and Date), and gives the real clock back after it. */
async function withFakeClock(body: () => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    await body();
  } finally {
    vi.useRealTimers();
  }
}

/** Fake answers resolve at once, so flushing microtasks is enough while the clock is fake. */
async function flush(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

/** Lets the refetch delay pass on the fake clock, and the reload it starts finish. */
async function afterRefetch(): Promise<void> {
  vi.advanceTimersByTime(REFETCH_MS + 10);
  await flush();
}

beforeEach(() => {
  fake = fakeReviewApi();
  setActivePinia(createPinia());
});

describe('useReviewStore (opening a recording)', () => {
  it('starts the review and loads the beats of the page with half a page each side', async () => {
    const { review } = await opened();
    expect(callsOf('review:start')).toHaveLength(1);
    expect(review.status?.state).toBe('done');
    const times = review.beats.map((b) => b.timeSec);
    expect(Math.min(...times)).toBeLessThan(1);
    expect(Math.max(...times)).toBeGreaterThan(10);
    expect(Math.max(...times)).toBeLessThan(15);
    expect(review.pageBeats.every((b) => b.timeSec <= 10)).toBe(true);
  });

  it('answers a page move from the tile cache without a new call when the tiles are loaded', async () => {
    const { recording, review } = await opened();
    const before = callsOf('review:beats').length;
    recording.goTo(5);
    await settle();
    expect(callsOf('review:beats').length).toBe(before);
    expect(review.pageBeats[0]?.timeSec).toBeGreaterThanOrEqual(5);
  });
});

describe('useReviewStore.noise', () => {
  it('holds the noise stretches of the loaded span, clipped to it, and follows the page', async () => {
    const { recording, review } = await opened();
    expect(review.noise).toEqual([]);
    recording.goTo(95);
    await settle();
    // The span loaded is the page (10 s) and half a page each side: 90–110 s.
    expect(review.noise).toEqual([{ startSec: 100, endSec: 110 }]);
    recording.goTo(140);
    await settle();
    expect(review.noise).toEqual([]);
  });
});

describe('useReviewStore.irregular', () => {
  it('holds the irregular-rhythm stretches of the loaded span, clipped to it, and follows the page', async () => {
    const { recording, review } = await opened();
    expect(review.irregular).toEqual([]);
    recording.goTo(255);
    await settle();
    // The span loaded is 250–270 s; the stretch ends at 260 s.
    expect(review.irregular).toEqual([{ startSec: 250, endSec: 260 }]);
    recording.goTo(140);
    await settle();
    expect(review.irregular).toEqual([]);
  });
});

describe('useReviewStore (status)', () => {
  it('takes a newer status from the event and ignores an older one', async () => {
    const { review } = await opened();
    const rev = review.revision;
    fake.emit({ revision: rev + 3, state: 'running', fraction: 0.5 });
    expect(review.revision).toBe(rev + 3);
    fake.emit({ revision: rev + 1, fraction: 0.2 });
    expect(review.status?.fraction).toBe(0.5);
    fake.emit({ recordingId: 'other', revision: rev + 9 });
    expect(review.revision).toBe(rev + 3);
  });

  it('reloads the beats when the revision changes, at most once per REFETCH_MS', async () => {
    const { review } = await opened();
    await withFakeClock(async () => {
      vi.advanceTimersByTime(10 * REFETCH_MS);
      const before = callsOf('review:beats').length;
      for (let i = 1; i <= 5; i++) {
        fake.bump();
        fake.emit({ revision: review.revision + 1 });
        await flush();
      }
      const afterBurst = callsOf('review:beats').length - before;
      await afterRefetch();
      const afterWait = callsOf('review:beats').length - before;
      // One load at the first new revision (leading edge) and one after the wait (trailing
      // edge), each of the two or three tiles a page and its margin overlap.
      expect(afterBurst).toBeGreaterThan(0);
      expect(afterBurst).toBeLessThanOrEqual(3);
      expect(afterWait).toBeGreaterThan(afterBurst);
      expect(afterWait).toBeLessThanOrEqual(6);
    });
  });
});

describe('useReviewStore (analysis running)', () => {
  it('keeps the beats before the analysed time across an analysis step, but not across an edit', async () => {
    const { review } = await opened();
    await withFakeClock(async () => {
      const r = review.revision;
      fake.emit({ state: 'running', analysedSec: 100, revision: r + 1 });
      await afterRefetch();
      const before = callsOf('review:beats').length;
      fake.emit({ state: 'running', analysedSec: 200, revision: r + 2 });
      await afterRefetch();
      expect(callsOf('review:beats').length).toBe(before);
      fake.emit({ state: 'running', analysedSec: 300, revision: r + 3, canUndo: true, undoLabel: 'relabel 1 beat V → N' });
      await afterRefetch();
      expect(callsOf('review:beats').length).toBeGreaterThan(before);
    });
  });

  it('keeps the same beats array when an analysis step leaves the page unchanged', async () => {
    const { review } = await opened();
    await withFakeClock(async () => {
      const r = review.revision;
      fake.emit({ state: 'running', analysedSec: 100, revision: r + 1 });
      await afterRefetch();
      const held = review.beats;
      expect(held.length).toBeGreaterThan(0);
      fake.emit({ state: 'running', analysedSec: 200, revision: r + 2 });
      await afterRefetch();
      expect(review.beats).toBe(held);
    });
  });
});

describe('useReviewStore (uncertainty pass running)', () => {
  it('keeps the page and its prefetched neighbours across an uncertainty-pass step, and drops them after an edit', async () => {
    const { review } = await opened();
    await withFakeClock(async () => {
      const r = review.revision;
      const pass = (fraction: number) => ({ state: 'running' as const, fraction, passes: 20 });
      fake.emit({ revision: r + 1, uncertainty: pass(0.1) });
      await afterRefetch();
      await afterRefetch();
      const held = review.beats;
      const before = callsOf('review:beats').length;
      fake.emit({ revision: r + 2, uncertainty: pass(0.2) });
      await afterRefetch();
      // The same beats and no call: neither for the page nor for its prefetched neighbours.
      expect(review.beats).toBe(held);
      expect(callsOf('review:beats').length).toBe(before);
      fake.emit({ revision: r + 3, uncertainty: pass(0.3), canUndo: true, undoLabel: 'relabel 1 beat V → N' });
      await afterRefetch();
      expect(callsOf('review:beats').length).toBeGreaterThan(before);
    });
  });
});

describe('useReviewStore.stepFlagged', () => {
  it('asks the services for the next flagged beat under the filter and centres the strip on it', async () => {
    const { recording, review } = await opened();
    review.flaggedFilter = { labels: ['V'] };
    await review.stepFlagged(1);
    await settle();
    const arg = callsOf('review:step')[0]?.arg as { labels: string[]; confidenceThreshold: number; direction: number };
    expect(arg.labels).toEqual(['V']);
    expect(arg.confidenceThreshold).toBe(review.confidenceThreshold);
    expect(review.selectedBeat?.label).toBe('V');
    const t = review.selectedBeat?.timeSec ?? -1;
    expect(recording.startSec + recording.pageDurationSec / 2).toBeCloseTo(Math.max(t, 5), 6);
    await review.stepFlagged(1);
    await settle();
    expect(review.selectedBeat?.timeSec).toBeCloseTo(t + 4, 6);
  });

  it('says so when no flagged beat is left', async () => {
    const { review } = await opened();
    review.flaggedFilter = { labels: ['F'] };
    await review.stepFlagged(1);
    expect(review.selectedBeatId).toBeNull();
    expect(review.notice).toMatch(/No flagged beat after/);
  });
});

describe('useReviewStore.stepBeat', () => {
  it('selects the first beat of the page, then the next and the previous', async () => {
    const { review } = await opened();
    review.stepBeat(1);
    expect(review.selectedBeat?.timeSec).toBeCloseTo(0.4, 6);
    review.stepBeat(1);
    expect(review.selectedBeat?.timeSec).toBeCloseTo(1.2, 6);
    review.stepBeat(-1);
    expect(review.selectedBeat?.timeSec).toBeCloseTo(0.4, 6);
  });
});

describe('useReviewStore (edits)', () => {
  it('relabels the selected beat and shows the new label at once', async () => {
    const { review } = await opened();
    review.stepBeat(1);
    const id = review.selectedBeatId;
    await review.relabelSelected('S');
    expect(callsOf('review:edit')[0]?.arg).toMatchObject({ edit: { kind: 'relabel', beatIds: [id], label: 'S' } });
    expect(review.selectedBeat?.label).toBe('S');
    expect(review.selectedBeat?.reviewed).toBe(true);
  });

  it('asks for a selection before relabelling nothing', async () => {
    const { review } = await opened();
    await review.relabelSelected('V');
    expect(callsOf('review:edit')).toHaveLength(0);
    expect(review.notice).toMatch(/Select a beat/);
  });

  it('deletes the selected beat and selects the one after it', async () => {
    const { review } = await opened();
    review.stepBeat(1);
    review.stepBeat(1);
    const [deleted, next] = [review.selectedBeat, review.beats[2]];
    await review.deleteSelected();
    expect(review.beats.some((b) => b.id === deleted?.id)).toBe(false);
    expect(review.selectedBeatId).toBe(next?.id);
  });

  it('adds a beat at the cursor, else mid-page, and selects it', async () => {
    const { review } = await opened();
    review.cursorSec = 2.0;
    await review.addBeatAtCursor();
    expect(callsOf('review:edit')[0]?.arg).toMatchObject({ edit: { kind: 'add', sample: 720, label: 'N' } });
    expect(review.selectedBeat?.added).toBe(true);
    review.cursorSec = null;
    await review.addBeatAtCursor();
    expect(callsOf('review:edit')[1]?.arg).toMatchObject({ edit: { kind: 'add', sample: 1800 } });
  });
});

describe('useReviewStore.showHeatmap', () => {
  it('loads the attention of the page\'s beats only while the heatmap is on, once per beat', async () => {
    const { review } = await opened();
    expect(callsOf('review:attention')).toHaveLength(0);
    review.showHeatmap = true;
    await settle();
    const asked = (callsOf('review:attention')[0]?.arg as { beatIds: number[] }).beatIds;
    expect(asked.sort((a, b) => a - b)).toEqual(review.pageBeats.map((b) => b.id).sort((a, b) => a - b));
    expect(review.attention).toHaveLength(asked.length);
    review.showHeatmap = false;
    await settle();
    expect(review.attention).toHaveLength(0);
    review.showHeatmap = true;
    await settle();
    expect(callsOf('review:attention')).toHaveLength(1);
  });
});

describe('useReviewStore.switchHeatmapMethod', () => {
  it('shows the heatmap by the other method, asking for each beat once per method and keeping both', async () => {
    const { review } = await opened();
    const pageIds = review.pageBeats.map((b) => b.id).sort((a, b) => a - b);
    expect(review.heatmapMethod).toBe('attention');
    review.switchHeatmapMethod();
    expect([review.showHeatmap, review.heatmapMethod]).toEqual([true, 'grad-cam']);
    await settle();
    const asked = callsOf('review:attention').map((c) => c.arg as { beatIds: number[]; method?: string });
    expect(asked.map((a) => a.method)).toEqual(['grad-cam']);
    expect([...asked[0]!.beatIds].sort((a, b) => a - b)).toEqual(pageIds);
    expect(review.attention.map((a) => a.weights)).toEqual(pageIds.map(() => [1, 0]));

    review.switchHeatmapMethod();
    await settle();
    expect(review.heatmapMethod).toBe('attention');
    expect(review.attention.map((a) => a.weights)).toEqual(pageIds.map(() => [0, 1]));
    review.switchHeatmapMethod();
    await settle();
    expect(review.attention.map((a) => a.weights)).toEqual(pageIds.map(() => [1, 0]));
    // Each method was asked for once: the cache keys a map by beat id and method.
    expect(callsOf('review:attention').map((c) => (c.arg as { method?: string }).method)).toEqual(['grad-cam', 'attention']);
  });

  it('drops a late answer for the method switched away from', async () => {
    const { review } = await opened();
    // Attention answers wait until released; Grad-CAM answers come at once.
    const calls = fake.api.calls as unknown as Record<string, (arg: { method?: string }) => Promise<unknown>>;
    const answer = calls['review:attention']!;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    calls['review:attention'] = async (arg) => (arg.method === 'grad-cam' ? answer(arg) : held.then(() => answer(arg)));
    review.showHeatmap = true;
    await settle();
    review.heatmapMethod = 'grad-cam';
    await settle();
    release();
    await settle();
    expect(review.attention.length).toBeGreaterThan(0);
    expect(review.attention.every((a) => a.weights[0] === 1)).toBe(true);
  });
});

describe('useReviewStore.select', () => {
  it('drops the selection when the selected beat disappears from its page (deleted elsewhere)', async () => {
    const { review } = await opened();
    review.stepBeat(1);
    const id = review.selectedBeatId as number;
    // Another window deletes it: the services change, and say so with a new revision.
    await fake.api.calls['review:edit']({ recordingId: 'rec-1', edit: { kind: 'delete', beatIds: [id] } });
    await withFakeClock(async () => {
      fake.emit({});
      await afterRefetch();
    });
    expect(review.selectedBeatId).toBeNull();
    expect(review.selectedBeat).toBeNull();
  });
});
