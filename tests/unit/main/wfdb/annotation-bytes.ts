/**
 * Test helpers that spell out MIT-format annotation words by hand, from the layout in WFDB
 * `annot.c` (code in bits 15–10, data in bits 9–0, little-endian words), independently of
 * the code under test.
 */

/** One word: `[low byte, high byte]`. */
export function word(code: number, data = 0): number[] {
  return [data & 0xff, ((code << 2) | ((data >> 8) & 3)) & 0xff];
}

/** SKIP: the marker word, then the signed 32-bit interval, high 16 bits first. */
export function skip(interval: number): number[] {
  const high = (interval >>> 16) & 0xffff;
  const low = interval & 0xffff;
  return [...word(59), high & 0xff, high >> 8, low & 0xff, low >> 8];
}

/** AUX: the count word, the bytes (one per character), a pad byte when odd. */
export function aux(text: string): number[] {
  const bytes = [...text].map((c) => c.charCodeAt(0));
  return [...word(63, bytes.length), ...bytes, ...(bytes.length % 2 === 1 ? [0] : [])];
}

/** A whole file: the parts, then the 0 end word. */
export function annotationFile(...parts: number[][]): Uint8Array {
  return new Uint8Array([...parts.flat(), 0, 0]);
}

/** wfdb-python's canonical line of an annotation (NaN symbol for codes without one). */
export function canonicalLine(a: { sample: number; symbol: string; subtype: number; chan: number; num: number; aux: string | null }): string {
  return `${a.sample},${a.symbol === '' ? 'nan' : a.symbol},${a.subtype},${a.chan},${a.num},${a.aux ?? ''}\n`;
}
