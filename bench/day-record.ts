/**
 * Long test records for the benchmarks: the 48 MIT-BIH .dat files (../shared/data/mitdb)
 * written one after the other into one two-signal format-212 file, with a header naming it.
 * 24 hours (the default) is each record once, 48 × 30 min ≈ 24.1 h at 360 Hz; longer records
 * go round the list again (48 hours: each twice). No annotation file: the records' own .atr
 * would need their sample numbers shifted. Shared by bench/wfdb.ts, bench/review-ui.ts and
 * bench/holter.ts.
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
  /** Path of the header (`<name>.hea`). */
  header: string;
  /** Frames (samples per signal). */
  frames: number;
}

/** What to write; every field has a default. */
export interface DayRecordOptions {
  /** Length in hours, rounded to whole 30-minute records (default 24: the 48 records once). */
  hours?: number;
  /** Record name: `<name>.hea`, `<name>.dat` (default `day`). */
  name?: string;
  /** Folder of the MIT-BIH .dat files (default ../shared/data/mitdb). */
  mitdb?: string;
}

/**
 * Writes a long record into `folder` (`<name>.hea`, `<name>.dat`): the .dat files of
 * `mitdb` in name order, one after the other, going round the list until `hours` × 2
 * half-hour records are written. Format 212 packs 2 samples in 3 bytes and every MIT-BIH
 * .dat holds whole frames of 2 samples, so the concatenation is a valid signal file of
 * bytes / 3 frames. Throws when `hours` is not positive.
 */
export async function writeDayRecord(folder: string, options: DayRecordOptions = {}): Promise<DayRecord> {
  const { hours = 24, name = 'day', mitdb = MITDB } = options;
  if (!(hours > 0)) throw new Error(`writeDayRecord: hours must be positive, got ${hours}`);
  const names = readdirSync(mitdb).filter((n) => n.endsWith('.dat')).sort();
  const count = Math.max(1, Math.round(hours * 2));
  const out = await open(join(folder, `${name}.dat`), 'w');
  let bytes = 0;
  try {
    for (let i = 0; i < count; i++) {
      const chunk = readFileSync(join(mitdb, names[i % names.length] as string));
      await out.write(chunk);
      bytes += chunk.length;
    }
  } finally {
    await out.close();
  }
  const frames = (bytes / 3) * 2 / 2; // 3 bytes per 2 samples, 2 samples per frame
  const header = join(folder, `${name}.hea`);
  const signal = (lead: string) => `${name}.dat 212 200 11 1024 0 0 0 ${lead}\n`;
  await writeFile(header, `${name} 2 360 ${frames}\n${signal('MLII')}${signal('V1')}`);
  return { header, frames };
}
