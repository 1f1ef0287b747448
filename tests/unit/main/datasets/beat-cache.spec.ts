import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  beatCacheKey,
  beatCachePath,
  decodeBeatSet,
  encodeBeatSet,
  readBeatCache,
  writeBeatCache,
} from '../../../../src/main/datasets/beat-cache';
import type { BeatSet } from '../../../../src/main/datasets/beat-set';
import { useTempDir } from '../../../support/temp-dir';

function sampleSet(count = 3, windowLength = 4): BeatSet {
  return {
    record: '208', source: 'detector', fs: 360, lead: { index: 0, name: 'MLII' }, count,
    samples: Int32Array.from({ length: count }, (_, i) => 100 + 300 * i),
    classes: Int8Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 2 : -1)),
    symbols: Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 'V' : '')),
    windowLength, windowRateHz: 125,
    windows: Float32Array.from({ length: count * windowLength }, (_, i) => i / 7),
    windowFlags: Uint8Array.from({ length: count }, (_, i) => i),
    differences: null,
    rr: Float32Array.from({ length: count * 8 }, (_, i) => 0.5 + i / 100),
    missed: [{ sample: 5000, symbol: 'A', aami: 'S' }],
    hasAnnotations: true,
  };
}

describe('beatCacheKey', () => {
  it('ignores key order and changes with any value', () => {
    const a = beatCacheKey({ record: '100', window: { length: 360, rateHz: 360 } });
    expect(beatCacheKey({ window: { rateHz: 360, length: 360 }, record: '100' })).toBe(a);
    expect(beatCacheKey({ record: '100', window: { length: 361, rateHz: 360 } })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('decodeBeatSet', () => {
  it('round-trips encodeBeatSet, including an empty set', () => {
    const set = sampleSet();
    expect(decodeBeatSet(encodeBeatSet(set, 'k'), 'k')).toEqual(set);
    const empty = { ...sampleSet(0), missed: [] };
    expect(decodeBeatSet(encodeBeatSet(empty, 'k'), 'k')).toEqual(empty);
  });

  it('round-trips neighbour differences, and a file cut before them is rejected', () => {
    const set = { ...sampleSet(), differences: Float32Array.from({ length: 12 }, (_, i) => -i / 3) };
    const bytes = encodeBeatSet(set, 'k');
    expect(decodeBeatSet(bytes, 'k')).toEqual(set);
    expect(decodeBeatSet(bytes.subarray(0, bytes.length - 4), 'k')).toBeNull();
  });

  it('rejects another key, a truncated or padded file and a bad magic', () => {
    const bytes = encodeBeatSet(sampleSet(), 'k');
    expect(decodeBeatSet(bytes, 'other')).toBeNull();
    expect(decodeBeatSet(bytes.subarray(0, bytes.length - 1), 'k')).toBeNull();
    expect(decodeBeatSet(Uint8Array.from([...bytes, 0, 0, 0, 0]), 'k')).toBeNull();
    const bad = bytes.slice();
    bad[0] = 0x58;
    expect(decodeBeatSet(bad, 'k')).toBeNull();
    expect(decodeBeatSet(new Uint8Array(5), 'k')).toBeNull();
  });

  it('reads sections at unaligned offsets of a larger buffer', () => {
    const bytes = encodeBeatSet(sampleSet(), 'k');
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeBeatSet(shifted.subarray(1), 'k')).toEqual(sampleSet());
  });
});

describe('writeBeatCache / readBeatCache', () => {
  const dir = useTempDir('beat-cache-');

  it('writes into a new folder, leaves no temporary file and reads back the same set', async () => {
    const path = beatCachePath(join(dir(), 'nested', 'beats'), '208', 'abc123');
    expect(await writeBeatCache(path, 'abc123', sampleSet())).toBe(true);
    expect(await readdir(join(dir(), 'nested', 'beats'))).toEqual(['208-abc123.beats']);
    expect(await readBeatCache(path, 'abc123')).toEqual(sampleSet());
  });

  it('returns null for a missing or corrupted file', async () => {
    const path = join(dir(), 'x.beats');
    expect(await readBeatCache(path, 'k')).toBeNull();
    await writeBeatCache(path, 'k', sampleSet());
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, 40));
    expect(await readBeatCache(path, 'k')).toBeNull();
  });

  it('returns false when the folder cannot be created', async () => {
    const blocker = join(dir(), 'file');
    await writeFile(blocker, 'not a folder');
    expect(await writeBeatCache(join(blocker, 'sub', 'x.beats'), 'k', sampleSet())).toBe(false);
  });
});
