import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { fakeApi } from './fake-api';

const fake = fakeApi();
vi.mock('../../../../src/renderer/src/api', () => ({ getApi: () => fake.api }));

const { useRecordingStore } = await import('../../../../src/renderer/src/stores/recording');

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await nextTick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

beforeEach(() => {
  setActivePinia(createPinia());
  fake.setHold(false);
  fake.calls.length = 0;
  fake.pending.length = 0;
});

describe('useRecordingStore.open', () => {
  it('loads the first page and the atr annotations of the opened record', async () => {
    const store = useRecordingStore();
    store.setPageDuration(10);
    expect(await store.open('/data/100.hea')).toBe(true);
    await settle();
    expect(store.annotator).toBe('atr');
    expect(store.signals?.lanes[0]?.[0]).toBe(0);
    expect(store.marks.map((m) => m.timeSec)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('useRecordingStore.pageBy', () => {
  it('keeps the page inside the record', async () => {
    const store = useRecordingStore();
    store.setPageDuration(10);
    await store.open('/data/100.hea');
    store.pageBy(-1);
    expect(store.startSec).toBe(0);
    store.goEnd();
    expect(store.startSec).toBe(1790);
    store.pageBy(1);
    expect(store.startSec).toBe(1790);
  });

  it('never lets a late answer for an old page overwrite a newer page', async () => {
    const store = useRecordingStore();
    store.setPageDuration(10);
    await store.open('/data/100.hea');
    await settle();
    fake.setHold(true);
    store.goTo(500);
    await settle();
    store.goTo(1000);
    await settle();
    const late = fake.pending.filter((p) => (p.arg.startSec ?? -1) < 600);
    const fresh = fake.pending.filter((p) => (p.arg.startSec ?? -1) >= 1000 && (p.arg.startSec ?? -1) < 1010);
    expect(late.length).toBeGreaterThan(0);
    fresh.forEach((p) => p.release());
    await settle();
    late.forEach((p) => p.release());
    await settle();
    // Values of the synthetic record are their own times: the page shown is the newest one.
    expect(store.signals?.lanes[0]?.[3]).toBeGreaterThanOrEqual(1000);
    expect(store.marks[0]?.timeSec).toBe(1000);
  });
});

describe('useRecordingStore.setGain', () => {
  it('accepts only the offered gains', async () => {
    const store = useRecordingStore();
    store.setGain(20);
    expect(store.gainMmPerMv).toBe(20);
    store.setGain(7);
    expect(store.gainMmPerMv).toBe(20);
  });
});

describe('useRecordingStore.open (two in a row)', () => {
  it('keeps the record asked for last when the first answer comes late', async () => {
    const store = useRecordingStore();
    fake.setHold(true);
    const first = store.open('/data/first.hea');
    const second = store.open('/data/second.hea');
    await settle();
    const [a, b] = fake.pending.filter((p) => p.channel === 'recording:open');
    fake.setHold(false);
    b?.release();
    await settle();
    a?.release();
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    await settle();
    expect(store.info?.path).toBe('/data/second.hea');
    expect(store.opening).toBe(false);
  });
});
