/**
 * MIT-BIH record lists and the inter-patient split of de Chazal, O'Dwyer and Reilly (IEEE
 * TBME 51(7), 2004), the one that counts in ../shared/docs/protocol.md: DS1 to train (and
 * select models, on held-out DS1 records), DS2 touched once for the final report. The four
 * paced records are in neither set.
 */

/** The 48 records of the MIT-BIH Arrhythmia Database, in numeric order. */
export const MITDB_RECORDS: readonly string[] = Object.freeze([
  '100', '101', '102', '103', '104', '105', '106', '107', '108', '109',
  '111', '112', '113', '114', '115', '116', '117', '118', '119', '121',
  '122', '123', '124', '200', '201', '202', '203', '205', '207', '208',
  '209', '210', '212', '213', '214', '215', '217', '219', '220', '221',
  '222', '223', '228', '230', '231', '232', '233', '234',
]);

/** DS1 (training) records of de Chazal 2004. */
export const DS1_RECORDS: readonly string[] = Object.freeze([
  '101', '106', '108', '109', '112', '114', '115', '116', '118', '119', '122',
  '124', '201', '203', '205', '207', '208', '209', '215', '220', '223', '230',
]);

/** DS2 (test) records of de Chazal 2004. */
export const DS2_RECORDS: readonly string[] = Object.freeze([
  '100', '103', '105', '111', '113', '117', '121', '123', '200', '202', '210',
  '212', '213', '214', '219', '221', '222', '228', '231', '232', '233', '234',
]);

/** Paced records, excluded from both sets (AAMI EC57 recommends leaving paced records out). */
export const PACED_RECORDS: readonly string[] = Object.freeze(['102', '104', '107', '217']);

/** Name of a split. */
export type SplitName = 'DS1' | 'DS2';

/** The records of a split. */
export function recordsOf(split: SplitName): readonly string[] {
  return split === 'DS1' ? DS1_RECORDS : DS2_RECORDS;
}

/** The split a record belongs to, or null for the paced records (and names not in MIT-BIH). */
export function splitOf(record: string): SplitName | null {
  if (DS1_RECORDS.includes(record)) return 'DS1';
  if (DS2_RECORDS.includes(record)) return 'DS2';
  return null;
}

/**
 * Beat counts per AAMI class over all beat annotations of each split, as published by de
 * Chazal et al. 2004 and quoted in ../shared/docs/protocol.md.
 */
export const DE_CHAZAL_COUNTS: Readonly<Record<SplitName, Readonly<Record<'N' | 'S' | 'V' | 'F' | 'Q', number>>>> = Object.freeze({
  DS1: Object.freeze({ N: 45_866, S: 944, V: 3_788, F: 415, Q: 8 }),
  DS2: Object.freeze({ N: 44_259, S: 1_837, V: 3_221, F: 388, Q: 7 }),
});
