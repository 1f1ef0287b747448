import { describe, expect, it } from 'vitest';
import { BeatStore } from '../../../../src/main/review';

function modelBeats(samples: number[]) {
  return {
    samples: Int32Array.from(samples),
    predicted: new Int8Array(samples.length),
    confidence: new Float32Array(samples.length).fill(0.9),
    templateIds: new Int32Array(samples.length),
  };
}

const rows = (store: BeatStore) => Array.from(store.columns.sample.subarray(0, store.length));

describe('BeatStore.appendModelBeats', () => {
  it('appends beats with ids in arrival order', () => {
    const store = new BeatStore(2);
    expect(store.appendModelBeats(modelBeats([10, 20, 30]))).toBe(3);
    expect(rows(store)).toEqual([10, 20, 30]);
    expect([0, 1, 2].map((id) => store.positionOf(id))).toEqual([0, 1, 2]);
    expect(store.liveCount).toBe(3);
  });

  it('drops beats at or before the last model beat when a chunk repeats the boundary', () => {
    const store = new BeatStore();
    store.appendModelBeats(modelBeats([10, 20]));
    expect(store.appendModelBeats(modelBeats([20, 25]))).toBe(1);
    expect(rows(store)).toEqual([10, 20, 25]);
  });

  it('lands model beats after an added beat the reviewer placed past them', () => {
    const store = new BeatStore();
    store.appendModelBeats(modelBeats([10]));
    const added = store.insertAddedBeat(40, 2);
    store.appendModelBeats(modelBeats([30, 50]));
    expect(rows(store)).toEqual([10, 30, 40, 50]);
    expect(store.positionOf(added)).toBe(2);
    expect(store.columns.id[store.positionOf(3)]).toBe(3);
  });
});

describe('BeatStore.insertAddedBeat', () => {
  it('inserts a hidden row in sample order and keeps every id pointing at its row', () => {
    const store = new BeatStore();
    store.appendModelBeats(modelBeats([100, 200, 300]));
    const id = store.insertAddedBeat(150, 1);
    expect(id).toBe(3);
    expect(rows(store)).toEqual([100, 150, 200, 300]);
    for (let pos = 0; pos < store.length; pos++) expect(store.positionOf(store.columns.id[pos] as number)).toBe(pos);
    expect(store.columns.deleted[1]).toBe(1);
    expect(store.liveCount).toBe(3);
    expect(store.labelAt(1)).toBe(1);
  });

  it('grows past its initial capacity', () => {
    const store = new BeatStore(16);
    for (let i = 0; i < 5000; i++) store.insertAddedBeat(5000 - i, 0);
    expect(store.length).toBe(5000);
    expect(rows(store)[0]).toBe(1);
    expect(store.positionOf(0)).toBe(4999);
  });
});

describe('BeatStore.positionOf', () => {
  it('answers -1 for ids never made', () => {
    const store = new BeatStore();
    store.appendModelBeats(modelBeats([1]));
    expect([store.positionOf(1), store.positionOf(-1), store.positionOf(0.5)]).toEqual([-1, -1, -1]);
  });
});

describe('BeatStore.lowerBound', () => {
  it('finds the first row at or after a sample, and upperBound the first after it', () => {
    const store = new BeatStore();
    store.appendModelBeats(modelBeats([10, 20, 30]));
    store.insertAddedBeat(20, 0);
    expect([5, 10, 20, 25, 31].map((s) => store.lowerBound(s))).toEqual([0, 0, 1, 3, 4]);
    expect([5, 10, 20, 25, 31].map((s) => store.upperBound(s))).toEqual([0, 1, 3, 3, 4]);
  });
});

describe('BeatStore.fromColumns', () => {
  it('rebuilds the same rows, live count and id index', () => {
    const store = new BeatStore();
    store.appendModelBeats(modelBeats([10, 20, 30]));
    store.setDeleted(1, 1);
    const copy = BeatStore.fromColumns(store.columns, store.length, store.nextId, store.modelHorizon);
    expect(rows(copy)).toEqual([10, 20, 30]);
    expect(copy.liveCount).toBe(2);
    expect(copy.positionOf(2)).toBe(2);
    expect(copy.appendModelBeats(modelBeats([30]))).toBe(0);
  });
});
