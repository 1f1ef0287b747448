/**
 * A 24-hour test record for the benchmarks: the 48 MIT-BIH .dat files (../shared/data/mitdb)
 * written one after the other into one two-signal format-212 file, 48 × 30 min ≈ 24.1 h at
 * 360 Hz, with a header naming it. No annotation file: the records' own .atr would need
 * their sample numbers shifted. Shared by bench/wfdb.ts and bench/review-ui.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is in bench/). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** The MIT-BIH Arrhythmia Database: 48 half-hour two-signal records. */
export const MITDB = resolve(REPO_ROOT, '../shared/data/mitdb');

/** Where a written day record is and how long it is. */
export interface DayRecord {
  /** Path of day.hea. */
  header: string;
  /** Frames (samples per signal). */
  frames: number;
}

/**
 * Writes a 24-hour record into `folder` (day.hea, day.dat): the .dat files of `mitdb`, in
 * name order, one after the other. Format 212 packs 2 samples in 3 bytes and every MIT-BIH
 * .dat holds whole frames of 2 samples, so the concatenation is a valid signal file of
 * bytes / 3 frames.
 */
export async function writeDayRecord(folder: string, mitdb = MITDB): Promise<DayRecord> {
  const names = readdirSync(mitdb).filter((n) => n.endsWith('.dat')).sort();
  const out = await open(join(folder, 'day.dat'), 'w');
  let bytes = 0;
  try {
    for (const name of names) {
      const chunk = readFileSync(join(mitdb, name));
      await out.write(chunk);
      bytes += chunk.length;
    }
  } finally {
    await out.close();
  }
  const frames = (bytes / 3) * 2 / 2; // 3 bytes per 2 samples, 2 samples per frame
  const header = join(folder, 'day.hea');
  await writeFile(header, `day 2 360 ${frames}\nday.dat 212 200 11 1024 0 0 0 MLII\nday.dat 212 200 11 1024 0 0 0 V1\n`);
  return { header, frames };
}
