import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../../src/shared/errors';
import {
  SUPPORTED_FORMATS,
  bytesForSamples,
  decodeSamples,
  encodeSamples,
  getFormat,
  samplesInBytes,
} from '../../../../../src/main/wfdb/formats/index';

/** Digital range of each byte-addressable format; the minimum is the invalid code (none for 8). */
const RANGES: Record<number, [number, number]> = {
  8: [-128, 127],
  16: [-32768, 32767],
  24: [-8388608, 8388607],
  32: [-2147483648, 2147483647],
  61: [-32768, 32767],
  80: [-128, 127],
  160: [-32768, 32767],
  212: [-2048, 2047],
  310: [-512, 511],
  311: [-512, 511],
};

function samplesOf(format: number): fc.Arbitrary<Int32Array> {
  const [min, max] = RANGES[format]!;
  // Bias towards the ends of the range, where sign and invalid-code bugs live.
  const value = fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, min + 1, -1, 0, 1, max - 1, max));
  return fc.array(value, { maxLength: 40 }).map((a) => Int32Array.from(a));
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('getFormat', () => {
  it('describes every WFDB format with the invalid codes of signal(5)', () => {
    const invalid = Object.fromEntries(SUPPORTED_FORMATS.map((f) => [f, getFormat(f, 'x.hea').invalidValue]));
    expect(invalid).toEqual({
      8: null, 16: -32768, 24: -8388608, 32: -2147483648, 61: -32768, 80: -128, 160: -32768,
      212: -2048, 310: -512, 311: -512, 508: -128, 516: -32768, 524: -8388608,
    });
  });

  it('gives the block geometry of the packed formats', () => {
    expect(getFormat(212, 'x')).toMatchObject({ samplesPerBlock: 2, bytesPerBlock: 3, defaultAdcResolution: 12 });
    expect(getFormat(310, 'x')).toMatchObject({ samplesPerBlock: 3, bytesPerBlock: 4, defaultAdcResolution: 10 });
    expect(getFormat(311, 'x')).toMatchObject({ samplesPerBlock: 3, bytesPerBlock: 4, defaultAdcResolution: 10 });
    expect(getFormat(24, 'x')).toMatchObject({ samplesPerBlock: 1, bytesPerBlock: 3, isFlac: false });
  });

  it('flags format 8 as differences and 508/516/524 as FLAC', () => {
    expect(SUPPORTED_FORMATS.filter((f) => getFormat(f, 'x').isDifference)).toEqual([8]);
    expect(SUPPORTED_FORMATS.filter((f) => getFormat(f, 'x').isFlac)).toEqual([508, 516, 524]);
  });

  it('throws wfdb/unsupported-format naming the file when the format is unknown', () => {
    const error = errorOf(() => getFormat(999, 'rec.hea'));
    expect(error).toBeInstanceOf(WfdbError);
    expect(error).toMatchObject({ code: 'wfdb/unsupported-format', message: expect.stringMatching(/^rec\.hea: signal format 999/) });
  });
});

describe('encodeSamples', () => {
  it('round-trips through decodeSamples over the whole value range when the format is not FLAC', () => {
    for (const format of Object.keys(RANGES).map(Number)) {
      fc.assert(
        fc.property(samplesOf(format), (samples) => {
          const bytes = encodeSamples(format, samples);
          const out = new Int32Array(samples.length);
          expect(decodeSamples(format, bytes, samples.length, out)).toBe(samples.length);
          expect(out).toEqual(samples);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('throws wfdb/unsupported-format when the format is FLAC', () => {
    expect(() => encodeSamples(516, new Int32Array(2))).toThrow(/FLAC/);
  });
});

describe('decodeSamples', () => {
  it('writes from outOffset and leaves the rest of out alone', () => {
    const out = new Int32Array([9, 9, 9, 9]);
    expect(decodeSamples(16, Uint8Array.of(0xff, 0xff, 0x02, 0x00), 2, out, 1)).toBe(2);
    expect(Array.from(out)).toEqual([9, -1, 2, 9]);
  });

  it('decodes no more samples than out can hold', () => {
    const out = new Int32Array(1);
    expect(decodeSamples(80, Uint8Array.of(1, 2, 3), 3, out)).toBe(1);
  });

  it('decodes only the whole samples the bytes hold when the input is truncated', () => {
    for (const format of Object.keys(RANGES).map(Number)) {
      fc.assert(
        fc.property(samplesOf(format), fc.nat(), (samples, cut) => {
          const bytes = encodeSamples(format, samples);
          const kept = bytes.subarray(0, bytes.length === 0 ? 0 : cut % bytes.length);
          const out = new Int32Array(samples.length);
          const n = decodeSamples(format, kept, samples.length, out);
          expect(n).toBe(Math.min(samples.length, samplesInBytes(format, kept.length)));
          expect(out.subarray(0, n)).toEqual(samples.subarray(0, n));
        }),
        { numRuns: 100 },
      );
    }
  });

  it('throws wfdb/unsupported-format when the format is FLAC or unknown', () => {
    expect(() => decodeSamples(508, new Uint8Array(4), 1, new Int32Array(1))).toThrow(/use decodeFlacFile/);
    expect(() => decodeSamples(7, new Uint8Array(4), 1, new Int32Array(1))).toThrowError(WfdbError);
  });
});

describe('samplesInBytes', () => {
  it('counts the samples of a partial last block as WFDB reads them', () => {
    expect([0, 1, 2, 3, 4, 5].map((b) => samplesInBytes(212, b))).toEqual([0, 0, 1, 2, 2, 3]);
    expect([0, 1, 2, 3, 4, 6].map((b) => samplesInBytes(310, b))).toEqual([0, 0, 1, 1, 3, 4]);
    expect([0, 1, 2, 3, 4, 7].map((b) => samplesInBytes(311, b))).toEqual([0, 0, 1, 2, 3, 5]);
    expect([0, 1, 2, 3, 7].map((b) => samplesInBytes(24, b))).toEqual([0, 0, 0, 1, 2]);
  });
});

describe('bytesForSamples', () => {
  it('rounds up to whole blocks', () => {
    expect(bytesForSamples(212, 3)).toBe(6);
    expect(bytesForSamples(310, 4)).toBe(8);
    expect(bytesForSamples(16, 5)).toBe(10);
    expect(bytesForSamples(32, 0)).toBe(0);
  });

  it('gives enough bytes to decode the samples asked for', () => {
    for (const format of Object.keys(RANGES).map(Number)) {
      for (let count = 0; count < 10; count++) {
        expect(samplesInBytes(format, bytesForSamples(format, count))).toBeGreaterThanOrEqual(count);
      }
    }
  });
});
