/**
 * How annotation symbols are shown. The services send each annotation's MIT symbol; which
 * symbols are beats follows WFDB's `isqrs()` table (ecgcodes.h / annot.c), and the colour
 * follows the AAMI EC57 grouping of MIT-BIH beat types into five classes:
 * N (N L R e j), S (A a J S), V (V E), F (F), Q (/ f Q).
 */

/** The AAMI beat classes, plus "other" for beat codes outside the mapping (B, ?, r). */
export type BeatClass = 'N' | 'S' | 'V' | 'F' | 'Q' | 'other';

/** MIT symbols for which WFDB's isqrs() is true. */
const BEAT_SYMBOLS = new Set(['N', 'L', 'R', 'a', 'V', 'F', 'J', 'A', 'S', 'E', 'j', '/', 'Q', 'B', '?', 'e', 'n', 'f', 'r']);

const AAMI_CLASS: Readonly<Record<string, BeatClass>> = {
  N: 'N', L: 'N', R: 'N', e: 'N', j: 'N',
  A: 'S', a: 'S', J: 'S', S: 'S', n: 'S',
  V: 'V', E: 'V',
  F: 'F',
  '/': 'Q', f: 'Q', Q: 'Q',
};

/**
 * Colours per class, from the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
 * 2008), which stays apart for the common colour-vision deficiencies: N ink, S blue,
 * V vermillion, F reddish purple, Q grey; V and F darkened so that every letter keeps at
 * least 4.5:1 contrast (WCAG AA) on white and on the paper. Every mark also carries its
 * letter, so colour is never the only cue.
 */
export const BEAT_CLASS_COLORS: Readonly<Record<BeatClass, string>> = {
  N: '#1f2933',
  S: '#0072b2',
  V: '#c24100',
  F: '#a8487f',
  Q: '#5d6670',
  other: '#5d6670',
};

/** Colour of non-beat annotations (rhythm changes, noise, comments). */
export const NON_BEAT_COLOR = '#6b3fa0';

/** Whether an MIT symbol marks a beat (WFDB isqrs). */
export function isBeatSymbol(symbol: string): boolean {
  return BEAT_SYMBOLS.has(symbol);
}

/** AAMI class of a beat symbol; "other" for beats outside the mapping. */
export function beatClassOf(symbol: string): BeatClass {
  return AAMI_CLASS[symbol] ?? 'other';
}

/**
 * Text shown for a non-beat annotation: the aux string when there is one (a rhythm change
 * "(AFL", a comment), else the symbol ("~" noise, "|" artefact, "+" without aux).
 */
export function nonBeatLabel(symbol: string, aux: string | null): string {
  const text = aux?.replace(/\0+$/, '').trim();
  return text ? text : symbol;
}
