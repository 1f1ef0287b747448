/**
 * Writer of MIT-format WFDB annotation files, the inverse of `parseAnnotations`. It writes
 * what WFDB `annot.c` `putann` writes: per annotation, a SKIP when the interval does not fit
 * 0 … 1023 (so annotations may go back in time), the annotation word, then SUB when the
 * subtype is not 0, CHN / NUM when `chan` / `num` differ from the previous annotation's
 * (both start at 0), AUX when there is aux text; then a 0 word. `fs` and custom labels go
 * first as sample-0 NOTEs followed by a NOTQRS at sample 0, the layout of wfdb-python's
 * `wr_ann_file` and WFDB's `put_ann_table`.
 */
import { WfdbError } from '../../shared/errors';
import { definitionNotes, symbolTable } from './annotation-definitions';
import {
  AUX, CHN, CODE_SHIFT, DATA_MASK, MAX_INTERVAL, NOTE, NOTQRS, NUM, SKIP, SUB,
  type Annotation, type AnnotationSet,
} from './annotation-types';

/** Largest annotation code a word can hold. */
const MAX_CODE = AUX;
const INT32_MAX = 0x7fffffff;
const INT32_MIN = -0x80000000;

/** Growable byte buffer of little-endian words. */
class WordWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;

  word(value: number): void {
    this.reserve(2);
    this.bytes[this.length] = value & 0xff;
    this.bytes[this.length + 1] = (value >>> 8) & 0xff;
    this.length += 2;
  }

  /** SKIP: signed 32-bit interval, high 16 bits first, each half little-endian. */
  skip(interval: number): void {
    this.word(SKIP << CODE_SHIFT);
    this.word((interval >>> 16) & 0xffff);
    this.word(interval & 0xffff);
  }

  /** AUX word, the bytes (Latin-1 text already checked), a pad byte when odd. */
  aux(text: string): void {
    this.word((AUX << CODE_SHIFT) | text.length);
    this.reserve(text.length + 1);
    for (let i = 0; i < text.length; i++) this.bytes[this.length + i] = text.charCodeAt(i);
    this.length += text.length;
    if (text.length % 2 === 1) this.bytes[this.length++] = 0;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/**
 * Encodes an annotation set as an MIT-format annotation file. Annotations are written in
 * the order given (WFDB readers expect time order; sort first if needed). `file` names the
 * target in errors. Throws WfdbError 'wfdb/annotation' (with `detail.index`) when a value
 * cannot be stored so that it reads back the same: a sample that is not an integer in
 * 0 … 2^53 − 1, a code outside 1 … 63 or SKIP (59), a symbol that is not the code's, a
 * NOTE at sample 0 (reserved for definitions), subtype/num outside −128 … 127, chan outside
 * 0 … 255, aux text over 255 characters or with characters beyond U+00FF, or an unwritable
 * `fs` or custom label.
 */
export function formatAnnotations(set: AnnotationSet, file = 'annotations'): Uint8Array {
  const out = new WordWriter();
  const { notes, problem } = definitionNotes(set.fs, set.customLabels);
  if (problem !== null) throw new WfdbError('wfdb/annotation', file, problem);
  for (const note of notes) {
    checkAux(note, file, -1);
    out.word(NOTE << CODE_SHIFT);
    out.aux(note);
  }
  if (notes.length > 0) {
    // Back to sample 0 with a NOTQRS, so that later NOTEs are not taken for definitions.
    out.skip(-1);
    out.word((NOTQRS << CODE_SHIFT) | 1);
  }
  const symbols = symbolTable(set.customLabels);
  let time = 0;
  let chan = 0;
  let num = 0;
  set.annotations.forEach((annotation, index) => {
    checkAnnotation(annotation, symbols, file, index);
    let interval = annotation.sample - time;
    // Codes 60–63 (read from damaged files) only count as annotations right after a SKIP.
    let needSkip = annotation.code > SKIP;
    while (interval < 0 || interval > MAX_INTERVAL || needSkip) {
      needSkip = false;
      const step = Math.min(Math.max(interval, INT32_MIN), INT32_MAX);
      out.skip(step);
      interval -= step;
    }
    out.word((annotation.code << CODE_SHIFT) | interval);
    // `DATA & value` as putann: a negative subtype/num fills all 10 data bits (readers
    // take the low byte), which keeps MIT-BIH files byte-identical on rewrite.
    if (annotation.subtype !== 0) out.word((SUB << CODE_SHIFT) | (annotation.subtype & DATA_MASK));
    if (annotation.chan !== chan) out.word((CHN << CODE_SHIFT) | annotation.chan);
    if (annotation.num !== num) out.word((NUM << CODE_SHIFT) | (annotation.num & DATA_MASK));
    if (annotation.aux !== null) out.aux(annotation.aux);
    time = annotation.sample;
    chan = annotation.chan;
    num = annotation.num;
  });
  out.word(0);
  return out.result();
}

function checkAnnotation(a: Annotation, symbols: readonly string[], file: string, index: number): void {
  const fail = (problem: string): never => {
    throw new WfdbError('wfdb/annotation', file, `annotation ${index}: ${problem}`, { index });
  };
  if (!Number.isSafeInteger(a.sample) || a.sample < 0) fail(`sample ${a.sample} is not an integer ≥ 0`);
  if (!Number.isInteger(a.code) || a.code < 1 || a.code > MAX_CODE || a.code === SKIP) {
    fail(`code ${a.code} is not an annotation code (1 … 58, 60 … 63)`);
  }
  const expected = symbols[a.code] ?? '';
  if (a.symbol !== expected) fail(`symbol '${a.symbol}' is not that of code ${a.code} ('${expected}')`);
  if (a.code === NOTE && a.sample === 0) fail('a NOTE at sample 0 would be read as a file definition');
  if (!inRange(a.subtype, -128, 127)) fail(`subtype ${a.subtype} is outside −128 … 127`);
  if (!inRange(a.chan, 0, 255)) fail(`chan ${a.chan} is outside 0 … 255`);
  if (!inRange(a.num, -128, 127)) fail(`num ${a.num} is outside −128 … 127`);
  if (a.aux !== null) checkAux(a.aux, file, index);
}

/** Aux text is stored one byte per character after a one-byte count. */
function checkAux(text: string, file: string, index: number): void {
  const where = index < 0 ? 'definition note' : `annotation ${index}`;
  if (text.length > 255) {
    throw new WfdbError('wfdb/annotation', file, `${where}: aux text of ${text.length} characters exceeds 255`, { index });
  }
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) {
      throw new WfdbError('wfdb/annotation', file, `${where}: aux character U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} is not Latin-1`, { index });
    }
  }
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
