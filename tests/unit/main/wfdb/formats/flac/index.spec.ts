import { FLACDecoder } from '@wasm-audio-decoders/flac';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../../../src/shared/errors';
import { decodeFlacFile, decodeFlacStream } from '../../../../../../src/main/wfdb/formats/flac/index';
import { encodeFlac, type FlacWriterOptions } from './flac-writer';

/** A smooth signal with a little jitter, a multiple of `step`, within `bps` bits. */
function signal(n: number, bps: number, seed: number, step = 1): Int32Array {
  const amp = 2 ** (bps - 2);
  return Int32Array.from({ length: n }, (_, i) => Math.round((amp * Math.sin(i / (7 + seed)) + ((i * 7919 + seed) % 13) - 6) / step) * step);
}

function channels(count: number, n: number, bps: number, step = 1): Int32Array[] {
  return Array.from({ length: count }, (_, c) => signal(n, bps, c, step));
}

/** Encoder settings covering every subframe type, residual coding and stereo mode. */
const CODINGS: [string, number, Omit<FlacWriterOptions, 'bitsPerSample'>][] = [
  ['VERBATIM subframes', 3, { blockSize: 1000 }],
  ['CONSTANT subframes', 2, { subframe: { type: 'constant' }, blockSize: 500 }],
  ['left/side stereo', 2, { stereo: 'left-side', blockSize: 1000 }],
  ['side/right stereo', 2, { stereo: 'side-right', blockSize: 1000 }],
  ['mid/side stereo', 2, { stereo: 'mid-side', blockSize: 1000 }],
  ...[0, 1, 2, 3, 4].map((order): [string, number, Omit<FlacWriterOptions, 'bitsPerSample'>] => [
    `FIXED order ${order}, 4 Rice partitions`, 3, { subframe: { type: 'fixed', order }, rice: 9, partitionOrder: 2, blockSize: 1000 },
  ]),
  ['LPC, escaped partitions', 2, { subframe: { type: 'lpc', coefs: [1800, -800], precision: 12, shift: 10 }, rice: 'escape', partitionOrder: 3, blockSize: 1024 }],
  ['LPC order 1, 5-bit Rice parameter, mid/side', 2, { stereo: 'mid-side', subframe: { type: 'lpc', coefs: [1], precision: 2, shift: 0 }, rice: 20, blockSize: 512 }],
  ['wasted bits', 2, { stereo: 'mid-side', wastedBits: 2, blockSize: 700 }],
  ['sample size and rate deferred to STREAMINFO', 1, { deferToStreamInfo: true, blockSize: 300 }],
];

function streamOf(coding: Omit<FlacWriterOptions, 'bitsPerSample'>, nch: number, bps: number, n = 2500) {
  const data = coding.subframe?.type === 'constant'
    ? Array.from({ length: nch }, (_, c) => new Int32Array(n).fill(c * 5 - 3))
    : channels(nch, n, bps, coding.wastedBits ? 2 ** (coding.wastedBits + 1) : 1);
  // Keep Rice quotients short for wide samples (the test encoder writes unary codes bit by bit).
  const rice = typeof coding.rice === 'number' ? Math.max(coding.rice, bps - 7) : coding.rice;
  return { data, bytes: encodeFlac(data, { ...coding, rice, bitsPerSample: bps }) };
}

describe('decodeFlacStream', () => {
  for (const bps of [8, 16, 24]) {
    for (const [name, nch, coding] of CODINGS) {
      it(`decodes ${bps}-bit ${name} exactly`, () => {
        const { data, bytes } = streamOf(coding, nch, bps);
        const s = decodeFlacStream(bytes, 'x.dat');
        expect(s.info).toMatchObject({ channels: nch, bitsPerSample: bps, totalSamples: 2500 });
        expect(s.channels).toEqual(data);
      });
    }
  }

  it('agrees with libFLAC on the streams the test encoder writes', async () => {
    for (const [name, nch, coding] of CODINGS.filter(([, , c]) => c.deferToStreamInfo !== true)) {
      const { data, bytes } = streamOf(coding, nch, 16);
      const decoder = new FLACDecoder();
      await decoder.ready;
      const lib = await decoder.decodeFile(bytes);
      decoder.free();
      // @wasm-audio-decoders/flac returns libFLAC's integers divided by 2^(bits - 1) - 1.
      const ints = lib.channelData.map((c) => Int32Array.from(c, (v) => Math.round(v * 32767)));
      expect(ints, name).toEqual(data);
      expect(decodeFlacStream(bytes, 'x.dat').channels, name).toEqual(ints);
    }
  });

  it('reads to the end of the file when STREAMINFO gives no sample count', () => {
    const data = channels(2, 3000, 16);
    const s = decodeFlacStream(encodeFlac(data, { bitsPerSample: 16, blockSize: 1024, totalSamples: 0 }), 'x.dat');
    expect(s.info.totalSamples).toBe(0);
    expect(s.channels).toEqual(data);
  });

  it('decodes a stream with no frames as empty channels', () => {
    expect(decodeFlacStream(encodeFlac([new Int32Array(0)], { bitsPerSample: 8 }), 'x.dat').channels).toEqual([new Int32Array(0)]);
  });

  it('throws wfdb/corrupt-signal when a frame fails its CRC-16', () => {
    const bytes = encodeFlac(channels(1, 100, 16), { bitsPerSample: 16 });
    bytes[bytes.length - 40]! ^= 0x10;
    expect(() => decodeFlacStream(bytes, 'x.dat')).toThrow(/^x\.dat: FLAC: frame CRC-16 mismatch/);
  });

  it('throws wfdb/corrupt-signal when a frame header fails its CRC-8', () => {
    const bytes = encodeFlac(channels(1, 100, 16), { bitsPerSample: 16 });
    bytes[42 + 5]! ^= 0x01; // the 16-bit block size in the first frame header (after 42 bytes of marker and STREAMINFO)
    expect(() => decodeFlacStream(bytes, 'x.dat')).toThrow(/CRC-8 mismatch/);
  });

  it('throws wfdb/corrupt-signal when the file ends before STREAMINFO\'s sample count', () => {
    const bytes = encodeFlac(channels(2, 5000, 16), { bitsPerSample: 16, blockSize: 1000 });
    expect(() => decodeFlacStream(bytes.subarray(0, bytes.length - 300), 'x.dat')).toThrow(/ends inside a frame/);
    const fewer = encodeFlac(channels(2, 5000, 16), { bitsPerSample: 16, blockSize: 1000, totalSamples: 6000 });
    expect(() => decodeFlacStream(fewer, 'x.dat')).toThrow(/no frame sync|ends inside/);
  });

  it('fails fast without a huge allocation when STREAMINFO claims an absurd sample count', () => {
    const bytes = encodeFlac(channels(8, 100, 16), { bitsPerSample: 16, totalSamples: 2 ** 36 - 1 });
    expect(() => decodeFlacStream(bytes, 'x.dat')).toThrow(/ends inside a frame/);
  });

  it('throws wfdb/corrupt-signal when the frames hold more samples than STREAMINFO gives', () => {
    const bytes = encodeFlac(channels(1, 2000, 16), { bitsPerSample: 16, blockSize: 1000, totalSamples: 1500 });
    expect(() => decodeFlacStream(bytes, 'x.dat')).toThrow(/more than the 1500 samples/);
  });

  it('throws wfdb/corrupt-signal when the file is not FLAC', () => {
    expect(() => decodeFlacStream(new TextEncoder().encode('RIFF....WAVEfmt '), 'x.dat')).toThrow(/no "fLaC" marker/);
    expect(() => decodeFlacStream(new Uint8Array(0), 'x.dat')).toThrowError(WfdbError);
  });

  it('never throws anything but WfdbError, nor hangs, on random or mutated input', () => {
    const valid = streamOf(CODINGS[9]![2], 3, 16, 1200).bytes; // FIXED order 4, Rice partitions
    const mutated = fc
      .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 })
      .chain((edits) => fc.nat(valid.length).map((cut) => ({ edits, cut })))
      .map(({ edits, cut }) => {
        const b = valid.slice(0, Math.max(cut, 4));
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        return b;
      });
    const random = fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.of(0x66, 0x4c, 0x61, 0x43, ...b));
    fc.assert(
      fc.property(fc.oneof(mutated, random, fc.uint8Array({ maxLength: 64 })), (bytes) => {
        try {
          decodeFlacStream(bytes, 'fuzz.dat');
        } catch (e) {
          expect(e).toBeInstanceOf(WfdbError);
          expect((e as WfdbError).code).toBe('wfdb/corrupt-signal');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeFlacFile', () => {
  it('returns one array of digital samples per channel, invalid codes kept', async () => {
    const data = [Int32Array.of(-128, 0, 127, -128), Int32Array.of(1, 2, 3, 4)];
    expect(await decodeFlacFile(encodeFlac(data, { bitsPerSample: 8 }), 'r.dat', { channels: 2, bitsPerSample: 8 })).toEqual(data);
  });

  it('accepts a stream narrower than the format allows, as WFDB does', async () => {
    const data = [Int32Array.of(-5, 100)];
    expect(await decodeFlacFile(encodeFlac(data, { bitsPerSample: 8 }), 'r.dat', { channels: 1, bitsPerSample: 16 })).toEqual(data);
  });

  it('rejects naming the file when the channel count differs from the header', async () => {
    const bytes = encodeFlac(channels(2, 10, 16), { bitsPerSample: 16 });
    await expect(decodeFlacFile(bytes, 'r.dat', { channels: 3, bitsPerSample: 16 })).rejects.toMatchObject({
      code: 'wfdb/corrupt-signal',
      message: 'r.dat: FLAC stream has 2 channels, the header gives 3 signals',
    });
  });

  it('rejects when the stream is wider than the format', async () => {
    const bytes = encodeFlac(channels(1, 10, 24), { bitsPerSample: 24 });
    await expect(decodeFlacFile(bytes, 'r.dat', { channels: 1, bitsPerSample: 16 })).rejects.toThrow(/24-bit samples, the format allows 16/);
  });

  it('only resolves or rejects with WfdbError on random or mutated input', async () => {
    const valid = encodeFlac(channels(2, 600, 16), { bitsPerSample: 16, stereo: 'mid-side', blockSize: 256 });
    await fc.assert(
      fc.asyncProperty(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length), async (at, v, cut) => {
        const b = valid.slice(0, cut);
        if (at < b.length) b[at] = v;
        await decodeFlacFile(b, 'fuzz.dat', { channels: 2, bitsPerSample: 16 }).catch((e: unknown) => {
          expect(e).toBeInstanceOf(WfdbError);
        });
      }),
      { numRuns: 500 },
    );
  });
});
