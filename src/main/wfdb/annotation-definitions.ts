/**
 * File-level definitions carried by NOTE annotations at sample 0 (WFDB `annot.c`
 * `get_ann_table`/`put_ann_table`, wfdb-python `interpret_defintion_annotations`):
 * - `## time resolution: 360` gives the sampling frequency of the annotation times;
 * - `## annotation type definitions`, then one `<code> <symbol> <description>` note per
 *   custom code, then `## end of definitions`.
 * Readers report these as `fs`/`customLabels`, not as annotations (wfdb-python drops every
 * NOTE at sample 0, whatever its text), and writers put them back at the start of the file.
 */
import type { AnnotationLabel } from './annotation-types';
import { ACMAX, ANNOTATION_SYMBOLS } from './symbols';

const TIME_RESOLUTION = /## time resolution: (\d+\.?\d*)/;
const DEFINITIONS_START = '## annotation type definitions';
const DEFINITIONS_END = '## end of definitions';
/** wfdb-python `rx_custom_label`: code, a symbol without spaces, a description. */
const CUSTOM_LABEL = /(\d+) (\S+) (.+)/;

/** What the definition notes of a file say. */
export interface FileDefinitions {
  fs: number | null;
  customLabels: AnnotationLabel[];
}

/**
 * Reads the texts of a file's sample-0 NOTEs, in file order. Notes that define nothing (a
 * command line, an empty note) are ignored; definitions of codes outside 1 … ACMAX are
 * ignored (WFDB `setannstr` refuses them); the first usable time resolution wins (one that
 * is 0, or too large or small to print without an exponent, is ignored).
 */
export function interpretDefinitions(notes: readonly string[]): FileDefinitions {
  let fs: number | null = null;
  const customLabels: AnnotationLabel[] = [];
  let i = 0;
  while (i < notes.length) {
    const note = notes[i] ?? '';
    i += 1;
    if (!note.startsWith('## ')) continue;
    const match: RegExpExecArray | null = fs === null ? TIME_RESOLUTION.exec(note) : null;
    if (match?.[1] !== undefined && isWritableFs(Number(match[1]))) {
      fs = Number(match[1]);
      continue;
    }
    if (note !== DEFINITIONS_START) continue;
    while (i < notes.length && notes[i] !== DEFINITIONS_END) {
      const label = parseLabel(notes[i] ?? '');
      if (label !== null) customLabels.push(label);
      i += 1;
    }
    i += 1; // the end marker
  }
  return { fs, customLabels };
}

function parseLabel(note: string): AnnotationLabel | null {
  const match = CUSTOM_LABEL.exec(note);
  if (match === null) return null;
  const [, codeText = '', symbol = '', description = ''] = match;
  const code = Number(codeText);
  return code >= 1 && code <= ACMAX ? { code, symbol, description } : null;
}

/**
 * The texts of the sample-0 NOTEs that declare `fs` and `customLabels`, in the order
 * wfdb-python's `wr_ann_file` writes them (time resolution first, then the definitions).
 * `fs` must be positive and print as plain digits so that the reader's pattern reads it
 * back exactly; labels must be valid (see `labelProblem`). Returns problems instead of
 * throwing so that the caller can name its file.
 */
export function definitionNotes(
  fs: number | null,
  customLabels: readonly AnnotationLabel[] | undefined,
): { notes: string[]; problem: string | null } {
  const notes: string[] = [];
  if (fs !== null) {
    if (!isWritableFs(fs)) return { notes, problem: `fs ${fs} cannot be written as a time resolution` };
    notes.push(`## time resolution: ${String(fs)}`);
  }
  if (customLabels !== undefined && customLabels.length > 0) {
    notes.push(DEFINITIONS_START);
    for (const label of customLabels) {
      const problem = labelProblem(label);
      if (problem !== null) return { notes, problem };
      notes.push(`${label.code} ${label.symbol} ${label.description}`);
    }
    notes.push(DEFINITIONS_END);
  }
  return { notes, problem: null };
}

/**
 * Whether `fs` is positive and prints as plain digits (no exponent), so that the time
 * resolution pattern reads back the same number.
 */
function isWritableFs(fs: number): boolean {
  return fs > 0 && /^\d+(\.\d+)?$/.test(String(fs));
}

/** Why a custom label cannot be written so that it reads back the same, or null. */
function labelProblem(label: AnnotationLabel): string | null {
  const { code, symbol, description } = label;
  if (!Number.isInteger(code) || code < 1 || code > ACMAX) {
    return `custom label code ${code} is outside 1 … ${ACMAX}`;
  }
  if (!/^\S+$/.test(symbol)) return `custom label ${code} has an empty or spaced symbol`;
  // The reader's `(.+)` stops at a line break.
  if (!/^[^\n\r\u2028\u2029]+$/.test(description)) {
    return `custom label ${code} needs a non-empty one-line description`;
  }
  return null;
}

/** Symbol of each code, custom labels overriding the standard table (as wfdb-python). */
export function symbolTable(customLabels: readonly AnnotationLabel[] | undefined): readonly string[] {
  if (customLabels === undefined || customLabels.length === 0) return ANNOTATION_SYMBOLS;
  const table = [...ANNOTATION_SYMBOLS];
  for (const label of customLabels) table[label.code] = label.symbol;
  return table;
}
