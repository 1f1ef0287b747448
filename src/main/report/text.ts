/**
 * Text for the PDF. pdfkit's built-in fonts (Helvetica) hold only the WinAnsi character set
 * (Windows code page 1252, PDF 32000-1 annex D.2): anything else would print as a wrong
 * glyph or nothing. Every string the report prints from outside (the header, the form)
 * goes through `pdfText` first; the report's own wording uses words ("at least"), not
 * symbols such as "≥" or "→".
 */

/** The characters of CP1252 above 0x7F that are not Latin-1 (0x80–0x9F row). */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Replacements for common characters outside WinAnsi that have a readable ASCII form. */
const FALLBACK: Readonly<Record<string, string>> = {
  '≥': '>=', '≤': '<=', '≠': '!=', '→': '->', '←': '<-', '↑': '^', '↓': 'v', '−': '-', '‐': '-', '‑': '-',
  '‒': '-', '―': '-', '′': "'", '″': '"', '≈': '~', '∼': '~', 'μ': 'µ', '✓': 'v', '✔': 'v',
  'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'Ŧ': 'T', 'ŧ': 't',
  '\u2009': ' ', '\u202f': ' ', '\u2002': ' ', '\u2003': ' ',
};

/** Whether pdfkit's standard fonts can print `ch` (one code point). */
export function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x0a) return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff) return true;
  return CP1252_EXTRA.includes(ch);
}

/**
 * `text` in characters the standard fonts can print: kept when WinAnsi, else a readable
 * replacement ("≥" → ">="), else the letter without its accents (NFKD: "ő" → "o"), else
 * "?". Tabs become spaces, other control characters and CR are dropped; line feeds stay.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    if (ch === '\t') out += ' ';
    else if (isWinAnsi(ch)) out += ch;
    else if (FALLBACK[ch] !== undefined) out += FALLBACK[ch];
    else if (/\p{Cc}/u.test(ch)) continue;
    else {
      const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += bare.length > 0 && [...bare].every(isWinAnsi) ? bare : '?';
    }
  }
  return out;
}

/** A number with thousands separators ("12,345"). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Heart rate as "72 bpm" (whole beats per minute). */
export function formatBpm(bpm: number): string {
  return `${Math.round(bpm)} bpm`;
}

/** A date and time as "2026-03-14 09:26" in the machine's local time (the reviewer's clock). */
export function formatDateTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A local date and time for file names: "20260314-092653". */
export function fileStamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** "1 beat", "3 beats" with a thousands separator. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
