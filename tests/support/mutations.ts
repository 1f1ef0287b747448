/**
 * Random damage to a file's bytes, for the fuzz tests of the readers of our own files (review
 * store, model loader): what a bad disk, a cut copy or a careless edit does. Each mutation is
 * one of: change a byte, delete a run, insert random bytes, cut the tail, repeat a run,
 * replace a digit by another digit (which keeps JSON valid and hits numbers and base64).
 */
import fc from 'fast-check';

/** One mutation of a buffer of `length` bytes; positions are fractions of the length. */
export type Mutation =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'cut'; at: number }
  | { kind: 'repeat'; at: number; length: number }
  | { kind: 'digit'; at: number; digit: number };

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** Any one mutation. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at }),
  fc.record({ kind: fc.constant('repeat' as const), at, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('digit' as const), at, digit: fc.integer({ min: 0, max: 9 }) }),
);

/** `bytes` with `mutations` applied in turn (a new buffer). */
export function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const i = Math.floor(m.at * out.length);
    switch (m.kind) {
      case 'set':
        if (out.length > 0) out[i] = m.value;
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, i), out.subarray(i + m.length)]);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, i), Buffer.from(m.bytes), out.subarray(i)]);
        break;
      case 'cut':
        out = out.subarray(0, i);
        break;
      case 'repeat':
        out = Buffer.concat([out.subarray(0, i + m.length), out.subarray(i)]);
        break;
      case 'digit': {
        // The first digit at or after i.
        let k = i;
        while (k < out.length && !((out[k] as number) >= 0x30 && (out[k] as number) <= 0x39)) k++;
        if (k < out.length) out[k] = 0x30 + m.digit;
        break;
      }
    }
  }
  return out;
}
