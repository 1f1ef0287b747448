/**
 * The irregular-rhythm flags (../../src/main/signal/irregular-rhythm) on real MIT-BIH
 * records, from the R peaks of their reference annotations, against the rhythm the
 * annotators marked: records 201 and 203 (DS1) hold atrial fibrillation and flutter; record
 * 100 is sinus rhythm throughout, 209 sinus rhythm with 383 supraventricular premature
 * beats and runs of SVT, 230 sinus rhythm with intermittent pre-excitation. The threshold
 * and window are the default model's. (What the flags get wrong is in models/README: very
 * frequent ectopy, as in 201's sinus stretches, 119 or 208, also reads as irregular.)
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBeatCode, readAnnotationFile } from '../../src/main/wfdb/annotation';
import { irregularRhythmBeats } from '../../src/main/signal/irregular-rhythm';
import { computeRrFeatures } from '../../src/main/signal/rr-features';

const MITDB = join(resolve(__dirname, '../../../shared/data'), 'mitdb');
const OPTIONS = { threshold: 0.1, smoothingBeats: 30 };

/** Each reference beat's flag, whether the annotators put it in atrial fibrillation or flutter, and its symbol. */
async function flagsAndRhythm(record: string): Promise<{ flagged: Uint8Array; fibrillation: boolean[]; symbols: string[] }> {
  const { annotations } = await readAnnotationFile(join(MITDB, `${record}.atr`));
  const samples: number[] = [];
  const fibrillation: boolean[] = [];
  const symbols: string[] = [];
  let rhythm = '(N';
  for (const a of annotations) {
    if (a.symbol === '+' && a.aux !== null) rhythm = a.aux.replace(/\0/g, '');
    else if (isBeatCode(a.code)) {
      samples.push(a.sample);
      fibrillation.push(rhythm === '(AFIB' || rhythm === '(AFL');
      symbols.push(a.symbol);
    }
  }
  const flagged = irregularRhythmBeats(computeRrFeatures(samples, 360).data, OPTIONS);
  return { flagged, fibrillation, symbols };
}

/** Fraction of the beats `where` picks that are flagged. */
function flaggedShare({ flagged, fibrillation }: { flagged: Uint8Array; fibrillation: boolean[] }, where: (inFibrillation: boolean) => boolean): number {
  let n = 0;
  let hits = 0;
  fibrillation.forEach((f, i) => {
    if (!where(f)) return;
    n++;
    hits += flagged[i]!;
  });
  return hits / n;
}

describe('irregular-rhythm flags on MIT-BIH reference beats', () => {
  it.each(['201', '203'])('flag nearly every beat of the fibrillation and flutter in record %s', async (record) => {
    const result = await flagsAndRhythm(record);
    expect(result.fibrillation.filter(Boolean).length).toBeGreaterThan(500);
    expect(flaggedShare(result, (f) => f)).toBeGreaterThan(0.95);
  });

  it('flag no beat of record 100 (sinus rhythm with a few premature beats)', async () => {
    const { flagged, fibrillation } = await flagsAndRhythm('100');
    expect(fibrillation.some(Boolean)).toBe(false);
    expect(flagged.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it.each(['209', '230'])('flag under 3 %% of record %s, which has no fibrillation', async (record) => {
    const result = await flagsAndRhythm(record);
    expect(result.fibrillation.some(Boolean)).toBe(false);
    expect(flaggedShare(result, () => true)).toBeLessThan(0.03);
  });

  it("leave record 209's supraventricular premature beats unflagged, so that S is still called there", async () => {
    const { flagged, symbols } = await flagsAndRhythm('209');
    const premature = symbols.flatMap((s, i) => (s === 'A' ? [flagged[i]!] : []));
    expect(premature.length).toBeGreaterThan(300);
    expect(premature.reduce((a, b) => a + b, 0) / premature.length).toBeLessThan(0.05);
  });
});
