/**
 * Noisy WFDB test records (issue 11): the first minutes of an MIT-BIH record written to a
 * folder as a two-signal format-16 record, once clean and once with synthetic noise mixed in
 * over one stretch at an SNR, exactly as `npm run eval:noise` mixes it (src/main/eval
 * noise-record: seeded noise, nst's SNR, 0.5-s ramps). There is no WFDB writer in src/, so
 * the signal file is written here: format 16 is each sample as a little-endian two's
 * complement 16-bit integer, signals interleaved frame by frame (WFDB signal(5)); −32768
 * marks an invalid sample. Gain 200 ADU/mV and baseline 0, so MIT-BIH's 200-ADU/mV samples
 * are copied exactly.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { excerptNoise, readExcerpt, stressLeads, type RecordExcerpt } from '../../src/main/eval/noise-record';
import type { NoiseType, TimeSpan } from '../../src/main/signal/noise';

const GAIN = 200;

/** Writes `leads` (mV, equal lengths, `fs` Hz) as `<folder>/<name>.hea` + `.dat`, format 16; returns the header path. */
export async function writeFormat16(folder: string, name: string, leads: readonly Float64Array[], leadNames: readonly string[], fs: number): Promise<string> {
  const n = leads[0]?.length ?? 0;
  const data = new Int16Array(n * leads.length);
  const sums = leads.map(() => 0);
  for (let i = 0; i < n; i++) {
    leads.forEach((lead, k) => {
      const v = lead[i]!;
      const adu = Number.isNaN(v) ? -32768 : Math.max(-32767, Math.min(32767, Math.round(v * GAIN)));
      data[i * leads.length + k] = adu;
      sums[k]! += adu;
    });
  }
  await writeFile(join(folder, `${name}.dat`), Buffer.from(data.buffer));
  // Checksum: the 16-bit sum of the samples, as a signed value (WFDB header(5)).
  const signalLine = (k: number) => `${name}.dat 16 ${GAIN} 16 0 ${data[k] ?? 0} ${((sums[k]! % 65536) + 98304) % 65536 - 32768} 0 ${leadNames[k] ?? `ECG${k}`}\n`;
  const header = join(folder, `${name}.hea`);
  await writeFile(header, `${name} ${leads.length} ${fs} ${n}\n${leads.map((_, k) => signalLine(k)).join('')}`);
  return header;
}

/** What {@link writeNoisyPair} writes. */
export interface NoisyPairOptions {
  /** MIT-BIH folder (../shared/data/mitdb). */
  dataDir: string;
  record: string;
  minutes: number;
  /** The noisy stretch, seconds. */
  noisy: TimeSpan;
  snrDb: number;
  type?: NoiseType;
  seed?: number;
}

/** The written pair: header paths of the clean and the noisy record, and the excerpt read. */
export interface NoisyPair {
  clean: string;
  noisy: string;
  excerpt: RecordExcerpt;
}

/** Writes `<record>-clean` and `<record>-noisy` into `folder` (see the file header). */
export async function writeNoisyPair(folder: string, options: NoisyPairOptions): Promise<NoisyPair> {
  const { record, type = 'electrode-motion', seed = 1 } = options;
  const excerpt = await readExcerpt(options.dataDir, record, options.minutes);
  const { leads } = stressLeads(excerpt, excerptNoise(excerpt, type, seed), options.snrDb, [options.noisy]);
  return {
    clean: await writeFormat16(folder, `${record}-clean`, excerpt.leads, excerpt.leadNames, excerpt.fs),
    noisy: await writeFormat16(folder, `${record}-noisy`, leads, excerpt.leadNames, excerpt.fs),
    excerpt,
  };
}
