/**
 * Bad single-segment records that record.spec.ts does not build: headers whose signal
 * files cannot be read as they say, a header file too large to be one, and a FLAC signal
 * file shorter than its header. Each must give a WfdbError naming the file and the problem.
 */
import { describe, expect, it } from 'vitest';
import { memoryFiles } from '../../../../src/main/wfdb/file-source';
import { MAX_HEADER_BYTES, openRecord } from '../../../../src/main/wfdb/record';
import { encodeFlac } from './formats/flac/flac-writer';
import { range, rejection } from './record-fixtures';

/** Opens `r/r.hea` from in-memory files under `r/`. */
function open(files: Record<string, Uint8Array | string>) {
  const prefixed = Object.fromEntries(Object.entries(files).map(([k, v]) => [`r/${k}`, v]));
  return openRecord('r/r.hea', { files: memoryFiles(prefixed) });
}

describe('openRecord', () => {
  it('refuses a signal read from standard input ("-"), naming the header and signal', async () => {
    const e = await rejection(open({ 'r.hea': 'r 1 360 10\n- 16\n' }), 'wfdb/header-field');
    expect(e.message).toMatch(/^r\/r\.hea: signal 0: reading samples from standard input \("-"\) is not supported/);
  });

  it('refuses signals of one file with different byte offsets', async () => {
    const e = await rejection(open({ 'r.hea': 'r 2 360 10\nr.dat 16+4\nr.dat 16+8\n', 'r.dat': new Uint8Array(48) }), 'wfdb/header-field');
    expect(e.message).toMatch(/^r\/r\.hea: signals of r\.dat have byte offsets 4 and 8/);
    expect(e.detail).toMatchObject({ field: 'byte offset' });
  });

  it('refuses signals of one FLAC file with different samples per frame', async () => {
    const flac = encodeFlac([Int32Array.from(range(20)), Int32Array.from(range(20))], { bitsPerSample: 16 });
    const e = await rejection(open({ 'r.hea': 'r 2 100 10\nr.dat 516x2\nr.dat 516\n', 'r.dat': flac }), 'wfdb/header-field');
    expect(e.message).toMatch(/^r\/r\.hea: FLAC file r\.dat has signals with different samples per frame/);
  });

  it('refuses a header file larger than a header can be, before reading it', async () => {
    const e = await rejection(open({ 'r.hea': new Uint8Array(MAX_HEADER_BYTES + 1) }), 'file/too-large');
    expect(e.message).toBe(`r/r.hea: is ${MAX_HEADER_BYTES + 1} bytes, more than a header can be (${MAX_HEADER_BYTES})`);
  });
});

describe('WfdbRecord.readDigital', () => {
  it('throws wfdb/truncated-signal when a FLAC channel holds fewer frames than the header promises', async () => {
    // The header promises 20 frames of one 16-bit signal; the FLAC stream holds 12 samples.
    const samples = range(12, (i) => i * 7 - 30);
    const rec = await open({ 'r.hea': 'r 1 100 20\nr.dat 516\n', 'r.dat': encodeFlac([Int32Array.from(samples)], { bitsPerSample: 16, blockSize: 8 }) });
    expect(Array.from((await rec.readDigital(0, 12))[0]!)).toEqual(samples);
    const e = await rejection(rec.readDigital(10, 15), 'wfdb/truncated-signal');
    expect(e.message).toBe('r/r.dat: FLAC channel 0 holds 12 samples; frames up to 15 need 15');
    expect(e.detail).toMatchObject({ file: 'r/r.dat', expectedSamples: 15, foundSamples: 12 });
  });

  it('counts the samples per frame of a FLAC channel when it checks its length', async () => {
    // 2 samples per frame: 8 frames need 16 samples; the stream holds 14.
    const rec = await open({ 'r.hea': 'r 1 100 8\nr.dat 516x2\n', 'r.dat': encodeFlac([Int32Array.from(range(14))], { bitsPerSample: 16 }) });
    expect(Array.from((await rec.readDigital(0, 7))[0]!)).toEqual(range(14));
    const e = await rejection(rec.readDigital(6, 8), 'wfdb/truncated-signal');
    expect(e.message).toBe('r/r.dat: FLAC channel 0 holds 14 samples; frames up to 8 need 16');
  });
});
