/**
 * Reader of MIT-format WFDB annotation files (WFDB `annot.c` `getann`, wfdb-python
 * `rdann`). Layout: little-endian 16-bit words, code in bits 15–10, data in bits 9–0.
 * - code 1–58: an annotation, `data` samples after the previous one;
 * - SKIP (59): the next two words hold a signed 32-bit interval, high word first;
 * - NUM (60), SUB (61), CHN (62): the low byte sets `num`, `subtype`, `chan` of the
 *   annotation before; `num` and `chan` carry on to later annotations, `subtype` does not;
 * - AUX (63): the low byte counts the bytes that follow (padded to an even length), the
 *   aux text of the annotation before;
 * - a 0 word last in the file ends it.
 * Conventions shared with wfdb-python (the project's reference): a 0 word elsewhere is a
 * NOTQRS annotation of interval 0, skipped like every code-0 annotation; NOTEs at sample 0
 * hold file-level definitions (see annotation-definitions.ts) and are not returned. When
 * one annotation carries the same pseudo-code twice, the last one counts (as `getann`).
 */
import { Parser } from 'binary-parser';
import { WfdbError } from '../../shared/errors';
import { interpretDefinitions, symbolTable } from './annotation-definitions';
import {
  AUX, CHN, CODE_SHIFT, DATA_MASK, NOTE, NOTQRS, NUM, SKIP, SUB,
  type Annotation, type AnnotationSet,
} from './annotation-types';

/** The whole file as 16-bit little-endian words (binary-parser compiles this once). */
const WORD_STREAM = new Parser().endianness('little').array('words', { type: 'uint16le', readUntil: 'eof' });

/** An annotation as stored, before the definitions and code-0 entries are taken out. */
interface RawAnnotation {
  sample: number;
  code: number;
  subtype: number;
  chan: number;
  num: number;
  aux: string | null;
}

/**
 * Parses the bytes of an MIT-format annotation file. `file` names it in errors. Throws
 * WfdbError 'wfdb/annotation' (with `detail.offset`, the byte offset of the bad word) when
 * the length is odd, a SKIP or AUX runs past the end, or an annotation time falls below 0 or
 * beyond 2^53 − 1. An empty file holds no annotations.
 */
export function parseAnnotations(bytes: Uint8Array, file: string): AnnotationSet {
  if (bytes.length % 2 !== 0) {
    throw annotationError(file, bytes.length - 1, `odd length (${bytes.length} bytes): the file is made of 16-bit words`);
  }
  const { words } = WORD_STREAM.parse(bytes) as { words: number[] };
  const raw = readWords(words, bytes, file);
  const notes: string[] = [];
  const kept: RawAnnotation[] = [];
  for (const entry of raw) {
    if (entry.code === NOTE && entry.sample === 0) notes.push(entry.aux ?? '');
    else if (entry.code !== NOTQRS) kept.push(entry);
  }
  const { fs, customLabels } = interpretDefinitions(notes);
  const symbols = symbolTable(customLabels);
  const annotations: Annotation[] = kept.map((entry) => ({
    sample: entry.sample,
    symbol: symbols[entry.code] ?? '',
    code: entry.code,
    subtype: entry.subtype,
    chan: entry.chan,
    num: entry.num,
    aux: entry.aux,
  }));
  return customLabels.length > 0 ? { annotations, fs, customLabels } : { annotations, fs };
}

/** Walks the word stream; every step moves forward, so any input ends. */
function readWords(words: readonly number[], bytes: Uint8Array, file: string): RawAnnotation[] {
  const n = words.length;
  const out: RawAnnotation[] = [];
  let p = 0;
  let time = 0;
  let chan = 0;
  let num = 0;
  while (p < n) {
    const start = p;
    let word = words[p] ?? 0;
    if (word === 0 && p === n - 1) break; // the end marker
    while (word >>> CODE_SHIFT === SKIP) {
      if (p + 3 >= n) throw annotationError(file, 2 * p, 'SKIP runs past the end of the file');
      // Signed 32-bit interval, high word first: `<< 16` yields an int32 in JavaScript.
      time += ((words[p + 1] ?? 0) << 16) | (words[p + 2] ?? 0);
      p += 3;
      word = words[p] ?? 0;
    }
    time += word & DATA_MASK;
    if (time < 0 || time > Number.MAX_SAFE_INTEGER) {
      throw annotationError(file, 2 * start, `annotation time ${time} is out of range`);
    }
    p += 1;
    const entry: RawAnnotation = { sample: time, code: word >>> CODE_SHIFT, subtype: 0, chan, num, aux: null };
    p = readFields(words, bytes, p, entry, file);
    chan = entry.chan;
    num = entry.num;
    out.push(entry);
  }
  return out;
}

/** Applies the NUM/SUB/CHN/AUX words after an annotation; returns the next word index. */
function readFields(words: readonly number[], bytes: Uint8Array, from: number, entry: RawAnnotation, file: string): number {
  const n = words.length;
  let p = from;
  while (p < n) {
    const word = words[p] ?? 0;
    const code = word >>> CODE_SHIFT;
    const low = word & 0xff;
    if (code === NUM) entry.num = (low << 24) >> 24;
    else if (code === SUB) entry.subtype = (low << 24) >> 24;
    else if (code === CHN) entry.chan = low;
    else if (code === AUX) {
      const padded = (low + 1) >> 1;
      if (p + 1 + padded > n) {
        throw annotationError(file, 2 * p, `AUX of ${low} bytes runs past the end of the file`);
      }
      entry.aux = latin1(bytes, 2 * p + 2, low);
      p += padded;
    } else break;
    p += 1;
  }
  return p;
}

/** One character per byte, as wfdb-python (`chr`) and the C library read aux text. */
function latin1(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

function annotationError(file: string, offset: number, problem: string): WfdbError {
  return new WfdbError('wfdb/annotation', file, `${problem} (byte offset ${offset})`, { offset });
}
