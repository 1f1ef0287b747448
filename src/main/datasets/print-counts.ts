/**
 * `npm run datasets:counts`: loads DS1 and DS2 of MIT-BIH from ../shared/data/mitdb (reference
 * beats, seed-002 windows, de Chazal filtering; cached under .cache/beats) and prints the
 * beats per AAMI class beside de Chazal's published counts, with the beats kept padded at a
 * record edge. Options: --no-cache, --records (one line per record).
 */
import { resolve } from 'node:path';
import { repoRoot as findRepoRoot } from '../repo-root';
import { AAMI_CLASSES, totalOf, type AamiCounts } from './aami';
import { DEFAULT_BEAT_CACHE_DIR } from './beat-cache';
import { countBeats } from './counts';
import { DEFAULT_FILTER } from './filter-config';
import { loadRecordBeats, type LoadOptions } from './mitdb';
import { DE_CHAZAL_COUNTS, recordsOf, type SplitName } from './splits';
import { SEED_002_WINDOW } from '../signal/beat-windows';

const repoRoot = findRepoRoot();

function row(label: string, counts: AamiCounts): string {
  const cells = AAMI_CLASSES.map((c) => counts[c].toLocaleString('en-US').padStart(8));
  return `${label.padEnd(12)}${cells.join('')}${totalOf(counts).toLocaleString('en-US').padStart(9)}`;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const options: LoadOptions = {
    dataDir: resolve(repoRoot, '../shared/data/mitdb'),
    window: SEED_002_WINDOW,
    filter: DEFAULT_FILTER,
    ...(args.has('--no-cache') ? {} : { cacheDir: resolve(repoRoot, DEFAULT_BEAT_CACHE_DIR) }),
  };
  const started = performance.now();
  let allMatch = true;
  for (const split of ['DS1', 'DS2'] as SplitName[]) {
    const sets = [];
    for (const record of recordsOf(split)) {
      const set = await loadRecordBeats(record, options);
      sets.push(set);
      if (args.has('--records')) console.log(row(`  ${record}`, countBeats([set]).classes));
    }
    const counts = countBeats(sets);
    const expected = { ...DE_CHAZAL_COUNTS[split] };
    const match = AAMI_CLASSES.every((c) => counts.classes[c] === expected[c]);
    allMatch &&= match;
    console.log(`${split} (${sets.length} records)${' '.repeat(1)}${AAMI_CLASSES.map((c) => c.padStart(8)).join('')}    total`);
    console.log(row('  loaded', counts.classes));
    console.log(row('  de Chazal', expected));
    console.log(`  ${match ? 'match' : 'MISMATCH'}; beats dropped: 0; kept with a window padded at a record edge: ${counts.edgePadded}; on invalid samples: ${counts.invalid}`);
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (!allMatch) process.exitCode = 1;
}

await main();
