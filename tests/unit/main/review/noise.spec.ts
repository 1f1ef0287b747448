/**
 * Noise segments in a review (issue 11): kept by the document as the analysis chunks bring
 * them, counted in the summary, saved and restored with the review file (older files have
 * none), and replayed from the journal after a kill.
 */
import { describe, expect, it } from 'vitest';
import { applyRecord, decodeRecord, decodeReview, encodeRecord, encodeReview, ReviewDocument, type RecordFingerprint } from '../../../../src/main/review';
import { noiseInRange, noiseSummary, overlapsNoise, withNoise } from '../../../../src/main/review/noise';
import { actorAt, chunkOf, FS, shownBeats } from './build';

const FINGERPRINT: RecordFingerprint = { headerPath: '/data/n.hea', files: [{ name: 'n.hea', size: 10, mtimeMs: 5 }] };
const FILE = '/data/reviews/n-abc.json';

/** Two chunks, 0–60 s and 60–120 s, with a noise stretch 50–70 s cut at the chunk edge and one at 100–104 s. */
function noisyDoc(): ReviewDocument {
  const doc = new ReviewDocument(FS);
  doc.appendChunk({ ...chunkOf([FS, 2 * FS], 'NV', { analysedSec: 60, fraction: 0.5 }), noise: [{ startSec: 50, endSec: 60 }] });
  doc.appendChunk({ ...chunkOf([80 * FS], 'N', { analysedSec: 120, fraction: 1 }), noise: [{ startSec: 60, endSec: 70 }, { startSec: 100, endSec: 104 }] });
  doc.complete = true;
  return doc;
}

describe('withNoise', () => {
  it('merges stretches that touch across a chunk edge and keeps the others in order', () => {
    expect(withNoise([{ startSec: 50, endSec: 60 }], [{ startSec: 100, endSec: 104 }, { startSec: 60, endSec: 70 }]))
      .toEqual([{ startSec: 50, endSec: 70 }, { startSec: 100, endSec: 104 }]);
  });
});

describe('noiseInRange', () => {
  it('clips the stretches to the range and leaves out those outside it', () => {
    const held = [{ startSec: 50, endSec: 70 }, { startSec: 100, endSec: 104 }];
    expect(noiseInRange(held, 65, 101)).toEqual([{ startSec: 65, endSec: 70 }, { startSec: 100, endSec: 101 }]);
    expect(noiseInRange(held, 0, 30)).toEqual([]);
  });
});

describe('noiseSummary', () => {
  it('counts the noisy time within the analysed time and its share', () => {
    expect(noiseSummary([{ startSec: 50, endSec: 70 }, { startSec: 100, endSec: 104 }], 120)).toEqual({ segmentCount: 2, totalSec: 24, percent: 20 });
    expect(noiseSummary([{ startSec: 50, endSec: 70 }, { startSec: 100, endSec: 104 }], 60)).toEqual({ segmentCount: 1, totalSec: 10, percent: 16.67 });
    expect(noiseSummary([], 0)).toEqual({ segmentCount: 0, totalSec: 0, percent: 0 });
  });
});

describe('overlapsNoise', () => {
  it('tells whether a stretch lies inside an interval, open at both ends', () => {
    const held = [{ startSec: 50, endSec: 70 }, { startSec: 100, endSec: 104 }];
    expect(overlapsNoise(held, 45, 55)).toBe(true);
    expect(overlapsNoise(held, 80, 120)).toBe(true);
    expect(overlapsNoise(held, 70, 100)).toBe(false);
    expect(overlapsNoise(held, 104, 200)).toBe(false);
    expect(overlapsNoise([], 0, 1e9)).toBe(false);
  });
});

describe('ReviewDocument.summary (noise)', () => {
  it('reports no pause and no longest RR across a noise stretch, but a real pause elsewhere', () => {
    const doc = new ReviewDocument(FS);
    // Beats every second to 40 s, none in the noise 41–60 s, again from 61 s, a 3-s pause 80–83 s.
    const times = [...Array.from({ length: 40 }, (_, i) => i + 1), ...Array.from({ length: 19 }, (_, i) => 61 + i), ...Array.from({ length: 10 }, (_, i) => 83 + i)];
    doc.appendChunk({ ...chunkOf(times.map((t) => t * FS), 'N'.repeat(times.length), { analysedSec: 100 }), noise: [{ startSec: 41, endSec: 60 }] });
    const summary = doc.summary('r');
    expect(summary.events.filter((e) => e.kind === 'pause').map((e) => [e.startSec, e.endSec])).toEqual([[79, 83]]);
    expect(summary.longestRr).toEqual({ startSec: 79, durationSec: 4 });
  });
});

describe('ReviewDocument.appendChunk (noise)', () => {
  it('keeps the chunks\' noise stretches merged and answers ranges and the summary from them', () => {
    const doc = noisyDoc();
    expect(doc.noise).toEqual([{ startSec: 50, endSec: 70 }, { startSec: 100, endSec: 104 }]);
    expect(doc.noiseInRange(60, 90)).toEqual([{ startSec: 60, endSec: 70 }]);
    expect(doc.summary('r').noise).toEqual({ segmentCount: 2, totalSec: 24, percent: 20 });
  });

  it('lets the reviewer add a beat inside a noise stretch', () => {
    const doc = noisyDoc();
    const [id] = doc.edit({ kind: 'add', sample: 55 * FS, label: 'N' }, actorAt(1));
    expect(doc.beatById(id!)).toMatchObject({ added: true, timeSec: 55 });
  });
});

describe('encodeReview / decodeReview (noise)', () => {
  it('round-trips the noise stretches', () => {
    const doc = noisyDoc();
    const back = decodeReview(JSON.stringify(encodeReview(doc, FINGERPRINT, new Date(0))), FILE).doc;
    expect(back.noise).toEqual(doc.noise);
    expect(back.summary('r').noise).toEqual(doc.summary('r').noise);
    expect(shownBeats(back)).toEqual(shownBeats(doc));
  });

  it('reads a file saved before noise was kept (no field) as a review without noise', () => {
    const file = encodeReview(noisyDoc(), FINGERPRINT, new Date(0));
    delete (file.analysis as { noise?: unknown }).noise;
    const back = decodeReview(JSON.stringify(file), FILE).doc;
    expect(back.noise).toEqual([]);
    expect(shownBeats(back)).toHaveLength(3);
  });

  it('refuses a noise stretch that ends before it starts, naming the field', () => {
    const file = encodeReview(noisyDoc(), FINGERPRINT, new Date(0));
    (file.analysis as { noise?: unknown }).noise = [[70, 50]];
    expect(() => decodeReview(JSON.stringify(file), FILE)).toThrow(/analysis\.noise/);
  });
});

describe('encodeRecord / applyRecord (noise)', () => {
  it('replays a journalled chunk with its noise stretches onto a fresh document', () => {
    const doc = noisyDoc();
    const fresh = new ReviewDocument(FS);
    const chunk = { ...chunkOf([FS], 'N', { analysedSec: 60 }), noise: [{ startSec: 50, endSec: 60 }] };
    const decoded = decodeRecord(encodeRecord(1, { op: 'chunk', chunk }).slice(0, -1));
    if (!('record' in decoded)) throw new Error(decoded.problem);
    expect(applyRecord(fresh, decoded.record)).toBeNull();
    expect(fresh.noise).toEqual([{ startSec: 50, endSec: 60 }]);
    expect(doc.noise[0]?.startSec).toBe(50);
  });

  it('replays a chunk journalled before noise was kept as one without noise', () => {
    const fresh = new ReviewDocument(FS);
    const decoded = decodeRecord(encodeRecord(1, { op: 'chunk', chunk: chunkOf([FS], 'N') }).slice(0, -1));
    if (!('record' in decoded)) throw new Error(decoded.problem);
    expect(applyRecord(fresh, decoded.record)).toBeNull();
    expect(fresh.noise).toEqual([]);
  });
});
