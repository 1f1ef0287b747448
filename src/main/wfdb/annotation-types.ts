/**
 * Annotation data as read from and written to WFDB annotation files, and the MIT-format word
 * layout (WFDB `annot.c`, PhysioNet "annot(5)"): the file is a sequence of little-endian
 * 16-bit words; each word holds a 6-bit code in bits 15–10 and 10 bits of data in bits 9–0.
 */

/** One annotation, with WFDB's field names (`chan`, `num`, `subtype`, `aux`). */
export interface Annotation {
  /** Sample (frame) number from the start of the record, ≥ 0. */
  sample: number;
  /**
   * Mnemonic of `code`: the file's custom label when it defines one, else the standard
   * symbol (ANNOTATION_SYMBOLS), `''` for a code without one.
   */
  symbol: string;
  /**
   * Annotation code: 1 … 49 (ecgcodes.h), 50 … 58 unassigned. A pseudo-code 60 … 63 in the
   * place of an annotation word (first in the file or after a SKIP) reads, as in
   * wfdb-python and `getann`, as an annotation of that code. 0 and 59 never appear.
   */
  code: number;
  /** Subtype, a signed byte (−128 … 127); applies to this annotation only. */
  subtype: number;
  /** Signal number, an unsigned byte (0 … 255); persists in the file until changed. */
  chan: number;
  /** Annotator number, a signed byte (−128 … 127); persists in the file until changed. */
  num: number;
  /**
   * Auxiliary text (e.g. "(AFIB" for a rhythm change), one character per byte (Latin-1),
   * kept exactly as stored (MIT-BIH aux strings often end in a NUL). Null when absent.
   */
  aux: string | null;
}

/** A user-defined annotation code, declared in the file's "## annotation type definitions". */
export interface AnnotationLabel {
  code: number;
  symbol: string;
  description: string;
}

/** The contents of one annotation file. */
export interface AnnotationSet {
  annotations: Annotation[];
  /** Sampling frequency from the file's "## time resolution" note, null when absent. */
  fs: number | null;
  /** Custom code definitions, present only when the file declares some. */
  customLabels?: AnnotationLabel[];
}

/** Bit layout of an annotation word. */
export const CODE_SHIFT = 10;
/** Mask of the 10-bit data field: the time interval of an annotation word. */
export const DATA_MASK = 0x3ff;
/** Longest interval an annotation word can hold; longer ones need a SKIP. */
export const MAX_INTERVAL = 1023;

/** NOTQRS: not an annotation (0 also ends the file when the whole word is 0). */
export const NOTQRS = 0;
/** NOTE, the comment code; NOTEs at sample 0 carry file-level definitions. */
export const NOTE = 22;
/**
 * SKIP: the next two words hold a signed 32-bit interval added to the time, high 16 bits
 * first, each word little-endian ("middle-endian", WFDB `wfdb_g32`).
 */
export const SKIP = 59;
/** NUM: the low byte (signed) sets `num` for this and later annotations. */
export const NUM = 60;
/** SUB: the low byte (signed) sets `subtype` of the preceding annotation only. */
export const SUB = 61;
/** CHN: the low byte (unsigned) sets `chan` for this and later annotations. */
export const CHN = 62;
/** AUX: the low byte is a byte count; that many bytes follow, padded to an even length. */
export const AUX = 63;
