/**
 * One test per check of the FLAC decoder that index.spec.ts's deterministic tests do not
 * reach (its fuzz tests may, by chance): a valid stream from the test encoder with one
 * field altered, laid out as RFC 9639 gives it (sections 8.1, 8.2, 9.1, 9.2).
 *
 * Not built here: 'file/too-large' (a stream holding more than 2^28 samples per channel).
 * Its check runs only once 2^28 - 65536 samples are decoded into the output, so reaching
 * it takes over 1 GiB per channel; the neighbouring check (frames holding more samples
 * than STREAMINFO gives) is tested in index.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../../../src/shared/errors';
import { decodeFlacStream } from '../../../../../../src/main/wfdb/formats/flac/index';
import { encodeFlac, resealFrameHeader, type SubframeSpec } from './flac-writer';

/** "fLaC", then the STREAMINFO block header (last-block flag and type, 24-bit length). */
const BLOCK_HEADER = 4;
/** The first frame header: after the marker, the block header and STREAMINFO's 34 bytes. */
const FRAME = 42;
/** 16-bit block size - 1 at FRAME + 5 (block size code 7), so the CRC-8 is at FRAME + 7. */
const FRAME_CRC = FRAME + 7;
/** The first (only) subframe. */
const SUBFRAME = FRAME + 8;

/** One 16-bit channel of 3 samples in one frame, its subframe coded as `subframe`. */
function stream(subframe: SubframeSpec = { type: 'verbatim' }): Uint8Array {
  const bytes = encodeFlac([Int32Array.of(5, -7, 12)], { bitsPerSample: 16, blockSize: 3, subframe });
  // Sync + fixed blocking, block size code 7 / 96 kHz, 1 channel / 16 bits, frame 0, block size 3.
  const header = [0xff, 0xf8, 0x7b, 0x08, 0x00, 0x00, 0x02];
  if (header.some((b, i) => bytes[FRAME + i] !== b)) throw new Error('the test encoder no longer writes the layout these tests alter');
  return bytes;
}

/** `bytes` with bytes[at] = value for each edit; the frame header's CRC-8 redone when `reseal`. */
function patched(bytes: Uint8Array, edits: Record<number, number>, reseal = false): Uint8Array {
  const out = bytes.slice();
  for (const [at, value] of Object.entries(edits)) out[Number(at)] = value;
  if (reseal) resealFrameHeader(out, FRAME, FRAME_CRC);
  return out;
}

/** `bytes` with `extra` inserted at `at`. */
function inserted(bytes: Uint8Array, at: number, extra: number[]): Uint8Array {
  return Uint8Array.from([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)]);
}

/** Decodes `bytes` as x.dat, expecting a 'wfdb/corrupt-signal' WfdbError stating `problem`. */
function expectCorrupt(bytes: Uint8Array, problem: string): void {
  let error: unknown = null;
  try {
    decodeFlacStream(bytes, 'x.dat');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WfdbError);
  const { code, message, detail } = error as WfdbError;
  expect(code).toBe('wfdb/corrupt-signal');
  expect(message.startsWith(`x.dat: FLAC: ${problem} (at byte `), message).toBe(true);
  expect(detail).toMatchObject({ file: 'x.dat' });
}

const VERBATIM = stream();
const FIXED_0 = stream({ type: 'fixed', order: 0 });
const LPC_1 = stream({ type: 'lpc', coefs: [1], precision: 2, shift: 0 });
/** STREAMINFO without its last-block flag, so that another metadata block may follow it. */
const NOT_LAST = patched(VERBATIM, { [BLOCK_HEADER]: 0x00 });

const CASES: [string, () => Uint8Array, string][] = [
  // Metadata blocks (section 8.1, 8.2).
  ['a metadata block runs past the end of the file', () => patched(VERBATIM, { 5: 0xff, 6: 0xff, 7: 0xff }), 'metadata block of type 0 runs past the end of the file'],
  ['the first metadata block is not STREAMINFO', () => patched(VERBATIM, { [BLOCK_HEADER]: 0x81 }), 'the first metadata block is not STREAMINFO'],
  ['a metadata block has the invalid type 127', () => inserted(NOT_LAST, FRAME, [0xff, 0, 0, 0]), 'invalid metadata block type 127'],
  ['a second STREAMINFO block follows the first', () => inserted(NOT_LAST, FRAME, [0x80, 0, 0, 34, ...VERBATIM.subarray(8, FRAME)]), 'a second STREAMINFO block'],
  ['STREAMINFO is shorter than 34 bytes', () => patched(VERBATIM, { 7: 33 }), 'STREAMINFO is 33 bytes, not 34'],
  ['STREAMINFO gives fewer than 4 bits per sample', () => encodeFlac([new Int32Array(0)], { bitsPerSample: 3 }), 'STREAMINFO gives 3 bits per sample (minimum 4)'],
  ['STREAMINFO gives more than 24 bits per sample', () => encodeFlac([new Int32Array(0)], { bitsPerSample: 32 }), '32-bit samples are not supported (at most 24)'],
  // Frame header fields checked before its CRC-8 (section 9.1).
  ['no sync code starts the frame', () => patched(VERBATIM, { [FRAME]: 0x00 }), 'no frame sync code where a frame should start'],
  ['the frame header\'s reserved bit is set', () => patched(VERBATIM, { [FRAME + 3]: 0x09 }), 'reserved frame-header bit is set'],
  ['the sample rate code is 15', () => patched(VERBATIM, { [FRAME + 2]: 0x7f }), 'invalid sample rate code 15'],
  ['the block size code is 0', () => patched(VERBATIM, { [FRAME + 2]: 0x0b }), 'reserved block size code 0'],
  ['the frame number starts with a continuation byte', () => patched(VERBATIM, { [FRAME + 4]: 0x80 }), 'invalid frame number code'],
  ['a frame number byte that should continue it does not', () => patched(VERBATIM, { [FRAME + 4]: 0xc0 }), 'invalid frame number code'],
  // Frame header fields checked after a valid CRC-8.
  ['the sample size code is the reserved 3', () => patched(VERBATIM, { [FRAME + 3]: 0x06 }, true), 'reserved sample size code 3'],
  ['the channel assignment is the reserved 11', () => patched(VERBATIM, { [FRAME + 3]: 0xb8 }, true), 'reserved channel assignment 11'],
  ['a frame has more channels than STREAMINFO', () => patched(VERBATIM, { [FRAME + 3]: 0x18 }, true), 'frame has 2 channels, STREAMINFO 1'],
  ['a frame has other bits per sample than STREAMINFO', () => patched(VERBATIM, { [FRAME + 3]: 0x02 }, true), 'frame has 8 bits per sample, STREAMINFO 16'],
  // Subframes (section 9.2).
  ['the subframe padding bit is set', () => patched(VERBATIM, { [SUBFRAME]: 0x82 }), 'subframe padding bit is set'],
  ['the subframe type is reserved', () => patched(VERBATIM, { [SUBFRAME]: 0x04 }), 'reserved subframe type 2'],
  ['a subframe wastes every bit of its samples', () => patched(VERBATIM, { [SUBFRAME]: 0x03, [SUBFRAME + 1]: 0x00, [SUBFRAME + 2]: 0x01 }), 'subframe wastes 16 of 16 bits'],
  ['the predictor order exceeds the block size', () => patched(VERBATIM, { [SUBFRAME]: 0x18 }), 'predictor order 4 exceeds block size 3'],
  ['the residual coding method is reserved', () => patched(FIXED_0, { [SUBFRAME + 1]: FIXED_0[SUBFRAME + 1]! | 0x80 }), 'reserved residual coding method 2'],
  ['the partition order does not divide the block', () => patched(FIXED_0, { [SUBFRAME + 1]: (FIXED_0[SUBFRAME + 1]! & 0xc3) | 0x04 }), 'partition order 1 does not fit block size 3 and order 0'],
  ['the LPC coefficient precision is the invalid 16', () => patched(LPC_1, { [SUBFRAME + 3]: LPC_1[SUBFRAME + 3]! | 0xf0 }), 'invalid LPC coefficient precision'],
  ['the LPC shift is negative', () => patched(LPC_1, { [SUBFRAME + 3]: LPC_1[SUBFRAME + 3]! | 0x08 }), 'negative LPC shift -16'],
];

describe('decodeFlacStream', () => {
  it('decodes the unaltered streams these tests start from', () => {
    for (const bytes of [VERBATIM, FIXED_0, LPC_1]) expect(decodeFlacStream(bytes, 'x.dat').channels).toEqual([Int32Array.of(5, -7, 12)]);
    // The subframe type bits: VERBATIM 000001, FIXED order 0 001000, LPC order 1 100000.
    expect([VERBATIM[SUBFRAME], FIXED_0[SUBFRAME], LPC_1[SUBFRAME]]).toEqual([0x02, 0x10, 0x40]);
  });

  for (const [when, bytes, problem] of CASES) {
    it(`throws wfdb/corrupt-signal naming the file and the byte when ${when}`, () => {
      expectCorrupt(bytes(), problem);
    });
  }
});
