/**
 * Test helper: the reference readings of ../shared/data/reference/<dataset>/records.json
 * (wfdb-python 4.3.1; WFDB C library 10.7.0 `rdsamp` for the records marked
 * `reference_reader`) and the mapping of our header to their "as read" conventions.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getFormat } from '../../src/main/wfdb/formats';
import type { WfdbHeader } from '../../src/main/wfdb/header-spec';

export const DATA = resolve(__dirname, '../../../shared/data');

export interface ReferenceSignal {
  n: number;
  sha256_i32le: string;
  head: number[];
  tail: number[];
}

/** One record of records.json (header fields are per signal where they are arrays). */
export interface ReferenceRecord {
  record_name: string;
  multi_segment: boolean;
  n_sig: number;
  fs: number;
  sig_len: number | null;
  fmt?: string[];
  samps_per_frame?: number[];
  adc_gain?: number[];
  baseline?: number[];
  units?: string[];
  sig_name?: (string | null)[];
  init_value?: (number | null)[];
  checksum?: (number | null)[];
  file_name?: string[];
  byte_offset?: (number | null)[];
  skew?: (number | null)[];
  adc_res?: (number | null)[];
  adc_zero?: (number | null)[];
  seg_name?: string[];
  seg_len?: number[];
  digital?: ReferenceSignal[];
  physical_head?: (number | null)[][];
  read_error?: string;
  header_error?: string;
  reference_reader?: string;
}

/** records.json of a dataset, keyed by record path without extension. */
export function referenceRecords(dataset: string): Record<string, ReferenceRecord> {
  return JSON.parse(readFileSync(resolve(DATA, 'reference', dataset, 'records.json'), 'utf8')) as Record<string, ReferenceRecord>;
}

/** SHA-256 of samples as little-endian int32 (the platform's order, checked by the caller). */
export function sha256I32(samples: Int32Array): string {
  return createHash('sha256').update(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)).digest('hex');
}

/**
 * Known differences between the reference's reading of a header and ours, with the reason:
 * record key → field → signal index → our value.
 */
export const HEADER_DIFFERENCES: Record<string, Record<string, Record<number, unknown>>> = {
  // The header gives units "/\xB0" (Latin-1 "°") for signals 8 and 9. wfdb-python drops the
  // byte that is not UTF-8, finds no units and reports its default "mV"; we read it as
  // Latin-1.
  test_generator_2: { units: { 8: '°', 9: '°' } },
};

/**
 * Our header in the reference's terms. wfdb-python reports fields as read, with `None`
 * where absent and 0 for a written 0; we apply header(5)'s read defaults, so the reference
 * values are mapped the same way before comparing: absent skew, byte offset and ADC zero
 * → 0; absent initial value → ADC zero; absent or 0 ADC resolution → the format's; gain 0
 * → 200; absent description → "".
 */
export function expectedHeader(ref: ReferenceRecord, key: string): Record<string, unknown> {
  const n = ref.fmt?.length ?? 0;
  const per = <T>(values: T[] | undefined, f: (v: T, i: number) => unknown): unknown[] => (values ?? []).slice(0, n).map(f);
  const fields: Record<string, unknown> = { n_sig: ref.n_sig, fs: ref.fs, sig_len: ref.sig_len };
  if (ref.seg_name) {
    fields.seg_name = ref.seg_name;
    fields.seg_len = ref.seg_len;
  } else {
    Object.assign(fields, {
      fmt: ref.fmt,
      samps_per_frame: ref.samps_per_frame,
      adc_gain: per(ref.adc_gain, (g) => (g === 0 ? 200 : g)),
      baseline: ref.baseline,
      units: ref.units,
      sig_name: per(ref.sig_name, (s) => s ?? ''),
      adc_zero: per(ref.adc_zero, (z) => z ?? 0),
      init_value: per(ref.init_value, (v, i) => v ?? ref.adc_zero?.[i] ?? 0),
      checksum: ref.checksum,
      file_name: ref.file_name,
      byte_offset: per(ref.byte_offset, (b) => b ?? 0),
      skew: per(ref.skew, (s) => s ?? 0),
      adc_res: per(ref.adc_res, (r, i) => (r === null || r === 0 ? defaultRes(Number(ref.fmt?.[i])) : r)),
    });
  }
  for (const [field, bySignal] of Object.entries(HEADER_DIFFERENCES[key] ?? {})) {
    const values = [...(fields[field] as unknown[])];
    for (const [i, v] of Object.entries(bySignal)) values[Number(i)] = v;
    fields[field] = values;
  }
  return fields;
}

function defaultRes(fmt: number): number {
  try {
    return getFormat(fmt, 'reference').defaultAdcResolution;
  } catch {
    return 12; // WFDB_DEFRES
  }
}

/** Our parsed header in the same shape as `expectedHeader`. */
export function actualHeader(h: WfdbHeader): Record<string, unknown> {
  const fields: Record<string, unknown> = { n_sig: h.record.nSig, fs: h.record.fs, sig_len: h.record.sigLen };
  if (h.segments) {
    fields.seg_name = h.segments.map((s) => s.segName);
    fields.seg_len = h.segments.map((s) => s.segLen);
    return fields;
  }
  const s = h.signals;
  return Object.assign(fields, {
    fmt: s.map((x) => String(x.fmt)),
    samps_per_frame: s.map((x) => x.sampsPerFrame),
    adc_gain: s.map((x) => x.adcGain),
    baseline: s.map((x) => x.baseline),
    units: s.map((x) => x.units),
    sig_name: s.map((x) => x.description),
    adc_zero: s.map((x) => x.adcZero),
    init_value: s.map((x) => x.initValue),
    checksum: s.map((x) => x.checksum),
    file_name: s.map((x) => x.fileName),
    byte_offset: s.map((x) => x.byteOffset),
    skew: s.map((x) => x.skew),
    adc_res: s.map((x) => x.adcRes),
  });
}

/** The file a reference `FileNotFoundError` names (its base name). */
export function missingFileOf(readError: string): string | null {
  const m = /No such file or directory: '([^']+)'/.exec(readError);
  return m ? (m[1]!.split('/').pop() ?? null) : null;
}
