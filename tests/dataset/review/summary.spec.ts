import { describe, expect, it } from 'vitest';
import type { RhythmEvent } from '../../../src/shared/review';
import { aamiClassOf } from '../../../src/main/datasets';
import { MITDB_FRAMES, MITDB_FS, referenceReview, type Episode } from './reference-review';

const overlaps = (e: RhythmEvent, episode: Episode) => e.startSec < episode.endSec && e.endSec > episode.startSec;

describe('ReviewDocument.summary on MIT-BIH reference beats', () => {
  it('counts the published beats per AAMI class of records 100, 119 and 208', async () => {
    // MIT-BIH Arrhythmia Database directory (PhysioNet), beats per type mapped to AAMI classes.
    const published = {
      '100': { N: 2239, S: 33, V: 1, F: 0, Q: 0 },
      '119': { N: 1543, S: 0, V: 444, F: 0, Q: 0 },
      '208': { N: 1586, S: 2, V: 992, F: 373, Q: 2 },
    };
    for (const [record, counts] of Object.entries(published)) {
      const { doc, annotations } = await referenceReview(record);
      const summary = doc.summary(record);
      expect(summary.counts).toEqual(counts);
      const total = annotations.filter((a) => aamiClassOf(a.symbol) !== null).length;
      expect(summary.total).toBe(total);
      expect(summary.burdenPercent.V).toBeCloseTo((100 * counts.V) / total, 1);
    }
  });

  it('gives record 100 a mean heart rate close to its beats per minute', async () => {
    const { doc } = await referenceReview('100');
    const summary = doc.summary('100');
    const beatsPerMinute = (summary.total / (MITDB_FRAMES / MITDB_FS)) * 60;
    expect(summary.heartRate?.meanBpm).toBeCloseTo(beatsPerMinute, 0);
    expect(summary.trend.bpm).toHaveLength(Math.ceil(MITDB_FRAMES / MITDB_FS / 60));
    expect(summary.heartRate!.minBpm).toBeLessThan(summary.heartRate!.meanBpm);
    expect(summary.tachogram.rrMs).toHaveLength(summary.total - 1);
  });

  it('finds ventricular bigeminy and trigeminy in every episode the cardiologists marked in record 119, and bigeminy nowhere else', async () => {
    const { doc, episodes } = await referenceReview('119');
    const events = doc.summary('119').events;
    for (const rhythm of ['(B', '(T'] as const) {
      const kind = rhythm === '(B' ? 'bigeminy' : 'trigeminy';
      const marked = episodes.filter((e) => e.rhythm === rhythm);
      expect(marked.length).toBeGreaterThan(5);
      const missed = marked.filter((episode) => !events.some((e) => e.kind === kind && e.ectopic === 'V' && overlaps(e, episode)));
      expect(missed).toEqual([]);
    }
    const bigeminy = events.filter((e) => e.kind === 'bigeminy');
    const outside = bigeminy.filter((e) => !episodes.some((episode) => episode.rhythm === '(B' && overlaps(e, episode)));
    expect(outside).toEqual([]);
  });

  it('finds a ventricular run in every ventricular tachycardia episode of records 203 and 207', async () => {
    for (const record of ['203', '207']) {
      const { doc, episodes } = await referenceReview(record);
      const runs = doc.summary(record).events.filter((e) => e.kind === 'run' && e.ectopic === 'V');
      const vt = episodes.filter((e) => e.rhythm === '(VT');
      expect(vt.length).toBeGreaterThan(0);
      for (const episode of vt) expect(runs.some((r) => overlaps(r, episode) && r.beatCount >= 3)).toBe(true);
    }
  });

  it('covers the atrial fibrillation and flutter the cardiologists marked in records 201 and 203 with irregular-rhythm events', async () => {
    for (const record of ['201', '203']) {
      const { doc, episodes } = await referenceReview(record);
      const irregular = doc.summary(record).events.filter((e) => e.kind === 'irregular');
      const marked = episodes.filter((e) => e.rhythm === '(AFIB' || e.rhythm === '(AFL');
      const markedSec = marked.reduce((sum, e) => sum + e.endSec - e.startSec, 0);
      expect(markedSec).toBeGreaterThan(120);
      const coveredSec = marked.reduce((sum, m) => sum + irregular.reduce((c, e) => c + Math.max(0, Math.min(e.endSec, m.endSec) - Math.max(e.startSec, m.startSec)), 0), 0);
      expect(coveredSec / markedSec).toBeGreaterThan(0.9);
      // The burden line adds the stretches up, as a share of the analysed time.
      const { irregular: burden, analysedSec } = doc.summary(record);
      const totalSec = irregular.reduce((sum, e) => sum + e.endSec - e.startSec, 0);
      expect(burden.stretchCount).toBe(irregular.length);
      expect(burden.totalSec).toBeCloseTo(totalSec, 6);
      expect(burden.percent).toBeCloseTo((100 * totalSec) / analysedSec, 1);
      expect(burden.totalSec).toBeGreaterThan(0.9 * markedSec);
    }
  });

  it("answers a strip page's irregular-rhythm stretches from the beats around it exactly as the summary's events, clipped", async () => {
    const { doc } = await referenceReview('201');
    const events = doc.summary('201').events.filter((e) => e.kind === 'irregular');
    for (let start = 0; start < MITDB_FRAMES / MITDB_FS; start += 37) {
      const end = start + 20;
      const expected = events
        .map((e) => ({ startSec: Math.max(start, e.startSec), endSec: Math.min(end, e.endSec) }))
        .filter((e) => e.endSec > e.startSec);
      expect(doc.irregularInRange(start, end)).toEqual(expected);
    }
  });

  it('finds no irregular rhythm in records 100 and 232 (sinus rhythm; 232 with long pauses)', async () => {
    for (const record of ['100', '232']) {
      const { doc } = await referenceReview(record);
      expect(doc.summary(record).events.filter((e) => e.kind === 'irregular')).toEqual([]);
      expect(doc.summary(record).irregular).toEqual({ stretchCount: 0, totalSec: 0, percent: 0 });
    }
  });

  it('reports each RR of 2 s or more in record 232 as a pause starting at the beat before it', async () => {
    const { doc, annotations } = await referenceReview('232');
    const beats = annotations.filter((a) => aamiClassOf(a.symbol) !== null);
    const long = beats.flatMap((b, i) => (i > 0 && b.sample - (beats[i - 1]?.sample ?? 0) >= 2 * MITDB_FS ? [beats[i - 1]?.sample ?? 0] : []));
    expect(long.length).toBeGreaterThan(10);
    const summary = doc.summary('232');
    const pauses = summary.events.filter((e) => e.kind === 'pause');
    expect(pauses.map((p) => Math.round(p.startSec * MITDB_FS))).toEqual(long);
    const longest = Math.max(...beats.slice(1).map((b, i) => b.sample - (beats[i]?.sample ?? 0)));
    expect(summary.longestRr?.durationSec).toBeCloseTo(longest / MITDB_FS, 9);
  });
});
