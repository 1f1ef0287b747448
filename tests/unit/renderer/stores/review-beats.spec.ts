import { describe, expect, it } from 'vitest';
import type { RendererApi } from '../../../../src/shared/api';
import type { NoiseSpan, ReviewBeat } from '../../../../src/shared/review';
import { fail, ok } from '../../../../src/shared/result';
import { BEAT_TILE_SEC, ReviewBeatCache, beatTilesFor, joinSpans, splitBeatRun } from '../../../../src/renderer/src/stores/review-beats';

describe('beatTilesFor', () => {
  it('lists the tiles a span overlaps, inside the record', () => {
    expect(beatTilesFor(0, 10, 1800)).toEqual([0]);
    expect(beatTilesFor(25, 35, 1800)).toEqual([0, 1]);
    expect(beatTilesFor(-5, BEAT_TILE_SEC, 1800)).toEqual([0]);
    expect(beatTilesFor(1790, 1810, 1800)).toEqual([59]);
  });
});

/** An API answering review:beats with one beat per second and review:noise from `noise` (clipped), counting the beat calls. */
function beatsApi(failFirst = false, noise: NoiseSpan[] = []) {
  const asked: { startSec: number; endSec: number; confidenceThreshold: number }[] = [];
  const noiseAsked: { startSec: number; endSec: number }[] = [];
  const api = {
    calls: {
      'review:noise': async (arg: { startSec: number; endSec: number }) => {
        noiseAsked.push(arg);
        return ok(noise.map((s) => ({ startSec: Math.max(arg.startSec, s.startSec), endSec: Math.min(arg.endSec, s.endSec) })).filter((s) => s.endSec > s.startSec));
      },
      'review:beats': async (arg: { startSec: number; endSec: number; confidenceThreshold: number }) => {
        asked.push(arg);
        if (failFirst && asked.length === 1) return fail({ code: 'internal', message: 'boom' });
        const out: ReviewBeat[] = [];
        for (let t = Math.ceil(arg.startSec); t < arg.endSec; t++) {
          out.push({ id: t, sample: t * 360, timeSec: t, label: 'N', predicted: 'N', confidence: 0.9, uncertainty: 0.1, reviewed: false, added: false, flagged: false, templateId: 0 });
        }
        return ok(out);
      },
    },
  } as unknown as RendererApi;
  return { api, asked, noiseAsked };
}

describe('ReviewBeatCache.beats', () => {
  it('returns the beats of the span from whole tiles, with one call for the missing tiles of a revision', async () => {
    const { api, asked } = beatsApi();
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    const first = await cache.beats(25, 35, 3, 0.8);
    expect(first.map((b) => b.timeSec)).toEqual([25, 26, 27, 28, 29, 30, 31, 32, 33, 34]);
    expect(asked.map((a) => [a.startSec, a.endSec])).toEqual([[0, 60]]);
    await cache.beats(31, 40, 3, 0.8);
    expect(asked).toHaveLength(1);
  });

  it('asks only for the tiles it lacks, next to the ones it holds', async () => {
    const { api, asked } = beatsApi();
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    await cache.beats(35, 40, 3, 0.8);
    const beats = await cache.beats(10, 100, 3, 0.8);
    expect(beats.map((b) => b.timeSec)).toEqual(Array.from({ length: 90 }, (_, i) => 10 + i));
    expect(asked.map((a) => a.startSec)).toEqual([30, 0, 60]);
  });

  it('asks again when the revision or the threshold changes', async () => {
    const { api, asked } = beatsApi();
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    await cache.beats(0, 10, 3, 0.8);
    await cache.beats(0, 10, 4, 0.8);
    await cache.beats(0, 10, 4, 0.6);
    expect(asked.map((a) => a.confidenceThreshold)).toEqual([0.8, 0.8, 0.6]);
  });

  it('throws a failed tile and retries it on the next request', async () => {
    const { api, asked } = beatsApi(true);
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    await expect(cache.beats(0, 10, 1, 0.8)).rejects.toThrow('boom');
    expect((await cache.beats(0, 10, 1, 0.8)).length).toBe(10);
    expect(asked).toHaveLength(2);
  });
});

describe('ReviewBeatCache.carryOver', () => {
  it('keeps the tiles before the analysed time for the new revision and drops the rest', async () => {
    const { api, asked } = beatsApi();
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    await cache.beats(0, 90, 5, 0.8);
    expect(asked).toHaveLength(1);
    cache.carryOver(5, 6, 0.8, 65);
    await cache.beats(0, 90, 6, 0.8);
    // Tiles 0 and 1 end before 65 s and are kept; tile 2 (60–90 s) is asked again.
    expect(asked.map((a) => a.startSec)).toEqual([0, 60]);
  });

  it('keeps every tile when nothing before the end changed (Infinity)', async () => {
    const { api, asked } = beatsApi();
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    await cache.beats(0, 90, 5, 0.8);
    cache.carryOver(5, 6, 0.8, Infinity);
    await cache.beats(0, 90, 6, 0.8);
    expect(asked).toHaveLength(1);
  });

  it('does nothing when the cache holds another revision', async () => {
    const { api, asked } = beatsApi();
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    await cache.beats(0, 10, 5, 0.8);
    cache.carryOver(4, 6, 0.8, 600);
    await cache.beats(0, 10, 6, 0.8);
    expect(asked).toHaveLength(2);
  });
});

describe('ReviewBeatCache.noise', () => {
  it('gives the noise stretches of the span as one per stretch, clipped to the span, from the beat tiles', async () => {
    const { api, asked, noiseAsked } = beatsApi(false, [{ startSec: 20, endSec: 75 }, { startSec: 200, endSec: 210 }]);
    const cache = new ReviewBeatCache(api, 'rec', 1800);
    await cache.beats(10, 70, 2, 0.8);
    // A stretch cut into three tiles comes back whole (to the span's end); the tiles are loaded once.
    expect(await cache.noise(10, 70, 2, 0.8)).toEqual([{ startSec: 20, endSec: 70 }]);
    expect(noiseAsked.map((a) => [a.startSec, a.endSec])).toEqual([[0, 90]]);
    expect(asked).toHaveLength(1);
    expect(await cache.noise(100, 190, 2, 0.8)).toEqual([]);
  });
});

describe('splitBeatRun', () => {
  it('gives each tile the beats and noise a call for that tile alone would give', async () => {
    const noise = [{ startSec: 20, endSec: 75 }, { startSec: 88, endSec: 89.5 }];
    const run = beatsApi(false, noise);
    const single = beatsApi(false, noise);
    const cache = new ReviewBeatCache(single.api, 'rec', 1800);
    const [beats, spans] = await Promise.all([
      run.api.calls['review:beats']({ recordingId: 'rec', startSec: 0, endSec: 90 }),
      run.api.calls['review:noise']({ recordingId: 'rec', startSec: 0, endSec: 90 }),
    ]);
    if (!beats.ok || !spans.ok) throw new Error('the double failed');
    const tiles = splitBeatRun(beats.value, spans.value, 0, 3);
    for (let k = 0; k < 3; k++) {
      const from = k * BEAT_TILE_SEC;
      const alone = await single.api.calls['review:noise']({ recordingId: 'rec', startSec: from, endSec: from + BEAT_TILE_SEC });
      expect(tiles[k]?.beats).toEqual(await cache.beats(from, from + BEAT_TILE_SEC, 1, 0.8));
      expect(alone.ok && tiles[k]?.noise).toEqual(alone.ok ? alone.value : null);
    }
  });
});

describe('joinSpans', () => {
  it('joins touching and overlapping spans and keeps apart ones', () => {
    expect(joinSpans([{ startSec: 0, endSec: 30 }, { startSec: 30, endSec: 32 }, { startSec: 31, endSec: 33 }, { startSec: 40, endSec: 41 }]))
      .toEqual([{ startSec: 0, endSec: 33 }, { startSec: 40, endSec: 41 }]);
  });
});
