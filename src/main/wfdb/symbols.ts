/**
 * The standard WFDB annotation codes: mnemonic symbols, descriptions and the QRS (beat)
 * table. Sources: WFDB `lib/ecgcodes.h` (codes), `lib/annot.c` (`astring`, `tstring`) and
 * `lib/ecgmap.h` (`wfdb_qrs`, the `isqrs` table); the symbols equal wfdb-python's
 * `ann_label_table`. Codes 42–49 (up to `ACMAX`) are user-defined and 15, 17 unassigned:
 * their symbol here is `''` (wfdb-python reports them as NaN).
 */

/** Largest valid annotation code (`ecgcodes.h`); 50–58 are unused, 59–63 are pseudo-codes. */
export const ACMAX = 49;

/**
 * Mnemonic of each standard annotation code, index = code (0 … ACMAX), `''` where the code
 * has no standard symbol. Code 0 (NOTQRS, "not an annotation") also maps to `''`.
 */
export const ANNOTATION_SYMBOLS: readonly string[] = Object.freeze([
  '', 'N', 'L', 'R', 'a', 'V', 'F', 'J', 'A', 'S', // 0–9
  'E', 'j', '/', 'Q', '~', '', '|', '', 's', 'T', // 10–19
  '*', 'D', '"', '=', 'p', 'B', '^', 't', '+', 'u', // 20–29
  '?', '!', '[', ']', 'e', 'n', '@', 'x', 'f', '(', // 30–39
  ')', 'r', '', '', '', '', '', '', '', '', // 40–49
]);

/** Description of each standard code (WFDB `annot.c` `tstring`), `''` where undefined. */
export const ANNOTATION_DESCRIPTIONS: readonly string[] = Object.freeze([
  '',
  'Normal beat',
  'Left bundle branch block beat',
  'Right bundle branch block beat',
  'Aberrated atrial premature beat',
  'Premature ventricular contraction',
  'Fusion of ventricular and normal beat',
  'Nodal (junctional) premature beat',
  'Atrial premature beat',
  'Supraventricular premature or ectopic beat',
  'Ventricular escape beat',
  'Nodal (junctional) escape beat',
  'Paced beat',
  'Unclassifiable beat',
  'Change in signal quality',
  '',
  'Isolated QRS-like artifact',
  '',
  'ST segment change',
  'T-wave change',
  'Systole',
  'Diastole',
  'Comment annotation',
  'Measurement annotation',
  'P-wave peak',
  'Bundle branch block beat (unspecified)',
  '(Non-captured) pacemaker artifact',
  'T-wave peak',
  'Rhythm change',
  'U-wave peak',
  'Beat not classified during learning',
  'Ventricular flutter wave',
  'Start of ventricular flutter/fibrillation',
  'End of ventricular flutter/fibrillation',
  'Atrial escape beat',
  'Supraventricular escape beat',
  'Link to external data (aux contains URL)',
  'Non-conducted P-wave (blocked APC)',
  'Fusion of paced and normal beat',
  'Waveform onset',
  'Waveform end',
  'R-on-T premature ventricular contraction',
  '', '', '', '', '', '', '', '',
]);

/**
 * WFDB `isqrs` (`ecgmap.h` `wfdb_qrs`): 1 for codes that denote a QRS complex — N L R a V F
 * J A S E j / Q (1–13), B (25), ? (30), ! (31), e (34), n (35), f (38), r (41).
 */
const QRS_TABLE: readonly number[] = [
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 0–9
  1, 1, 1, 1, 0, 0, 0, 0, 0, 0, // 10–19
  0, 0, 0, 0, 0, 1, 0, 0, 0, 0, // 20–29
  1, 1, 0, 0, 1, 1, 0, 0, 1, 0, // 30–39
  0, 1, 0, 0, 0, 0, 0, 0, 0, 0, // 40–49
];

/**
 * Whether an annotation code denotes a beat (QRS complex), as WFDB's `isqrs()`: false for
 * non-beat codes (rhythm, noise, comments, waves), for code 0 and for anything outside
 * 1 … ACMAX.
 */
export function isBeatCode(code: number): boolean {
  return Number.isInteger(code) && code > 0 && code <= ACMAX && QRS_TABLE[code] === 1;
}

/**
 * The standard code of a mnemonic (`strann()` without user definitions), or null when the
 * symbol is not standard. `''` is never a code's symbol.
 */
export function codeForSymbol(symbol: string): number | null {
  if (symbol === '') return null;
  const code = ANNOTATION_SYMBOLS.indexOf(symbol);
  return code > 0 ? code : null;
}
