/**
 * The noise stress test on one DS1 record (../shared/data/mitdb; DS1, so DS2 stays untouched
 * by tests): the mixed SNR is as asked, and the quality gate trades marked time for +P.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateNoise } from '../../../src/main/eval/noise-eval';
import { excerptNoise, readExcerpt, stressLeads } from '../../../src/main/eval/noise-record';
import { fullGainSpans, measureSnrDb, nstProtocol } from '../../../src/main/signal/noise';
import { markNoise, markRecordNoise, secondsInNoise } from '../../../src/main/signal/quality';
import { openRecord } from '../../../src/main/wfdb';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');

describe('stressLeads', () => {
  it('mixes electrode motion into both leads of record 119 at the asked SNR (within 0.1 dB)', async () => {
    const excerpt = await readExcerpt(MITDB, '119', 8);
    const spans = nstProtocol(excerpt.length / excerpt.fs);
    const { leads } = stressLeads(excerpt, excerptNoise(excerpt, 'electrode-motion', 1), 0, spans);
    leads.forEach((noisy, k) => {
      const snr = measureSnrDb(excerpt.leads[k]!, noisy, excerpt.fs, excerpt.normalBeats, fullGainSpans(spans, excerpt.length / excerpt.fs));
      expect(Math.abs(snr)).toBeLessThan(0.1);
    });
  });
});

describe('evaluateNoise', () => {
  it('scores record 119 clean and under muscle noise, the gate marking the noisy stretch and raising +P', async () => {
    const [clean, noisy] = await evaluateNoise({
      dataDir: MITDB, records: ['119'], minutes: 8, conditions: [{ type: 'clean' }, { type: 'muscle', snrDb: -6 }],
    });
    expect(clean!.raw.tp / (clean!.raw.tp + clean!.raw.fn)).toBeGreaterThan(0.99);
    expect(clean!.markedCleanSec + clean!.markedNoisySec).toBeLessThan(6);
    const ppv = (c: { tp: number; fp: number }): number => c.tp / (c.tp + c.fp);
    expect(noisy!.raw.fp).toBeGreaterThan(clean!.raw.fp);
    expect(ppv(noisy!.gated)).toBeGreaterThan(ppv(noisy!.raw));
    expect(noisy!.markedNoisySec / noisy!.noisySec).toBeGreaterThan(0.5);
    expect(noisy!.markedCleanSec / noisy!.cleanSec).toBeLessThan(0.1);
  });
});

describe('markRecordNoise', () => {
  it('marks under 1 % of clean record 119 chunk by chunk, as markNoise does on the whole leads', async () => {
    const record = await openRecord(join(MITDB, '119.hea'));
    try {
      const chunked = await markRecordNoise(record, { chunkSec: 600 });
      const whole = await markRecordNoise(record, { chunkSec: 3600 });
      const leads = await record.readPhysical(0, record.frameCount);
      expect(whole).toEqual(markNoise(leads, record.frameRateHz));
      expect(secondsInNoise(chunked)).toBeLessThan(0.01 * (record.frameCount / record.frameRateHz));
    } finally {
      await record.close();
    }
  });
});
