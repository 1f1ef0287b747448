/**
 * The reviewed beats as a WFDB annotation file (MIT format, written by src/main/wfdb's
 * `formatAnnotations`), which any WFDB tool reads (`rdann`, `bxb`, wfdb-python `rdann`).
 *
 * One beat annotation per shown beat (deleted beats left out, added beats in), at its
 * R-peak frame, in time order, on signal (`chan`) 0. Symbols, by AAMI class (ANSI/AAMI
 * EC57):
 *
 *   class   'mit' (the usual MIT-BIH code)     'aami' (the class letter, also a MIT code)
 *   N       N  normal beat (1)                 N (1)
 *   S       A  atrial premature beat (8)       S  supraventricular premature beat (9)
 *   V       V  premature ventricular (5)       V (5)
 *   F       F  fusion of V and normal (6)      F (6)
 *   Q       Q  unclassifiable beat (13)        Q (13)
 *
 * What the reviewer did to a beat is in its `subtyp` field, which WFDB stores per
 * annotation (a SUB word), prints in `rdann`'s subtype column, keeps when it copies
 * annotations, and ignores when it compares beats (`bxb` reads only the type):
 *
 *   subtyp 0  the model's class, not reviewed
 *   subtyp 1  the reviewer confirmed the model's class
 *   subtyp 2  the reviewer changed the class (relabelled)
 *   subtyp 3  the reviewer added the beat (the detector missed it)
 *
 * `num` stays 0 and there is no aux text. The file starts with a "## time resolution"
 * note giving the record's frame rate, as wfdb-python's `wrann` writes it.
 */
import type { AnnotationSymbols } from '../../shared/report';
import type { BeatLabel } from '../../shared/review';
import { codeForSymbol, type Annotation, type AnnotationSet } from '../wfdb';
import type { BeatReview, BeatRow } from './beat-rows';

/** The symbol written for each AAMI class, per symbol set (see the module comment). */
export const EXPORT_SYMBOLS: Readonly<Record<AnnotationSymbols, Readonly<Record<BeatLabel, string>>>> = {
  mit: { N: 'N', S: 'A', V: 'V', F: 'F', Q: 'Q' },
  aami: { N: 'N', S: 'S', V: 'V', F: 'F', Q: 'Q' },
};

/** The `subtyp` that marks what the reviewer did (see the module comment). */
export const REVIEW_SUBTYPE: Readonly<Record<BeatReview, number>> = {
  '': 0,
  confirmed: 1,
  relabelled: 2,
  added: 3,
};

/** The annotation of one beat. */
export function beatAnnotation(row: BeatRow, symbols: AnnotationSymbols): Annotation {
  const symbol = EXPORT_SYMBOLS[symbols][row.label];
  const code = codeForSymbol(symbol);
  // Every symbol of EXPORT_SYMBOLS is a standard code; a miss is a bug in the table.
  if (code === null) throw new RangeError(`'${symbol}' is not a WFDB annotation symbol.`);
  return { sample: row.sample, symbol, code, subtype: REVIEW_SUBTYPE[row.review], chan: 0, num: 0, aux: null };
}

/**
 * The annotation set of `rows` (in time order), with the record's frame rate as its time
 * resolution (left out when it does not print as plain digits, which the note needs).
 */
export function beatAnnotations(rows: readonly BeatRow[], symbols: AnnotationSymbols, frameRateHz: number): AnnotationSet {
  const fs = frameRateHz > 0 && /^\d+(\.\d+)?$/.test(String(frameRateHz)) ? frameRateHz : null;
  return { annotations: rows.map((row) => beatAnnotation(row, symbols)), fs };
}
