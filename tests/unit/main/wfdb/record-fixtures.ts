/**
 * Test helper: tiny WFDB records built in memory from known samples, so that a read can
 * be checked against the samples the test wrote (encoded with the formats' own encoders).
 */
import { WfdbError } from '../../../../src/shared/errors';
import { encodeSamples } from '../../../../src/main/wfdb/formats';

/**
 * The interleaved stream of a signal file: frame after frame, `spf[j]` samples of each
 * signal j. `signals[j]` holds all samples of signal j (frames × spf[j]).
 */
export function interleave(signals: readonly number[][], spf: readonly number[] = signals.map(() => 1)): Int32Array {
  const frames = Math.min(...signals.map((s, j) => Math.floor(s.length / spf[j]!)));
  const out: number[] = [];
  for (let t = 0; t < frames; t++) {
    signals.forEach((s, j) => {
      for (let k = 0; k < spf[j]!; k++) out.push(s[t * spf[j]! + k]!);
    });
  }
  return Int32Array.from(out);
}

/** A signal file in `format` holding `signals` interleaved. */
export function signalFile(format: number, signals: readonly number[][], spf?: readonly number[]): Uint8Array {
  return encodeSamples(format, interleave(signals, spf));
}

/** 0, 1, 2, ... n - 1 mapped through `f`. */
export function range(n: number, f: (i: number) => number = (i) => i): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Awaits `promise`, expecting a WfdbError with `code`; returns it. */
export async function rejection(promise: Promise<unknown>, code: string): Promise<WfdbError> {
  const error = await promise.then(
    () => new Error(`expected a WfdbError ${code}, got a value`),
    (e: unknown) => e,
  );
  if (!(error instanceof WfdbError)) throw error instanceof Error ? error : new Error(String(error));
  if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}: ${error.message}`);
  return error;
}
