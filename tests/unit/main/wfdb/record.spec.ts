import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFiles } from '../../../../src/main/wfdb/file-source';
import { CHECKPOINT_FRAMES } from '../../../../src/main/wfdb/difference-integrator';
import { openRecord } from '../../../../src/main/wfdb/record';
import { MAX_READ_SAMPLES, toPhysical } from '../../../../src/main/wfdb/record-window';
import { encodeFlac } from './formats/flac/flac-writer';
import { concat, range, rejection, signalFile } from './record-fixtures';

const A = range(10, (i) => i * 10 - 40);
const B = range(10, (i) => 1000 - i * 3);

/** Opens `r/<name>.hea` from in-memory files under `r/`. */
function open(files: Record<string, Uint8Array | string>, name = 'r') {
  const prefixed = Object.fromEntries(Object.entries(files).map(([k, v]) => [`r/${k}`, v]));
  return openRecord(`r/${name}.hea`, { files: memoryFiles(prefixed) });
}

describe('openRecord', () => {
  it('describes the signals with the header defaults applied', async () => {
    const rec = await open({ 'r.hea': 'r 2 360 10\nr.dat 16 100(5)/uV 12 0 -40 0 0 ECG\nr.dat 16\n', 'r.dat': signalFile(16, [A, B]) });
    expect(rec.name).toBe('r');
    expect(rec.frameRateHz).toBe(360);
    expect(rec.frameCount).toBe(10);
    expect(rec.signals[0]).toEqual({
      index: 0, description: 'ECG', units: 'uV', adcGain: 100, baseline: 5, format: 16, samplesPerFrame: 1,
      adcResolution: 12, adcZero: 0, initialValue: -40, invalidValue: -32768, fileName: 'r.dat',
    });
    expect(rec.signals[1]).toMatchObject({ adcGain: 200, baseline: 0, units: 'mV', adcResolution: 16, description: '' });
  });

  it('sizes a record without a length from its signal file', async () => {
    // 3 signals of format 212, 5 frames = 15 samples: 7 blocks and one 2-byte partial block.
    const signals = [range(5), range(5, (i) => 0 - i), range(5, (i) => 2 * i)];
    const rec = await open({ 'r.hea': 'r 3 250\nr.dat 212\nr.dat 212\nr.dat 212\n', 'r.dat': signalFile(212, signals) });
    expect(rec.frameCount).toBe(5);
    expect((await rec.readDigital(0, 5)).map((a) => Array.from(a))).toEqual(signals);
  });

  it('opens a layout header as a record of 0 frames', async () => {
    const rec = await open({ 'l.hea': 'l 2 125 0\n~ 0 255(-128)/NU 8 0 -128 0 0 PLETH\n~ 0 127(-64)/mV 8 0 -128 0 0 II\n' }, 'l');
    expect(rec.frameCount).toBe(0);
    expect(rec.signals.map((s) => [s.description, s.invalidValue])).toEqual([['PLETH', -32768], ['II', -32768]]);
    expect((await rec.readDigital(0, 0)).map((a) => a.length)).toEqual([0, 0]);
    await rejection(rec.readDigital(0, 1), 'wfdb/range');
  });

  it('throws wfdb/missing-file naming a missing signal file', async () => {
    const e = await rejection(open({ 'r.hea': 'r 2 360 10\nr.dat 16\nq.dat 16\n', 'r.dat': signalFile(16, [A]) }), 'wfdb/missing-file');
    expect(e.message).toContain('q.dat');
  });

  it('throws wfdb/missing-file naming a missing header', async () => {
    const e = await rejection(open({}), 'wfdb/missing-file');
    expect(e.message).toContain('r.hea');
  });

  it('throws wfdb/unsupported-format for an unknown format', async () => {
    const e = await rejection(open({ 'r.hea': 'r 1 360 10\nr.dat 999\n', 'r.dat': new Uint8Array(20) }), 'wfdb/unsupported-format');
    expect(e.message).toContain('999');
  });

  it('refuses an implausible header before allocating', async () => {
    await rejection(open({ 'r.hea': 'r 1 360 1000000000000\nr.dat 16\n', 'r.dat': new Uint8Array(20) }), 'wfdb/header-field');
    await rejection(open({ 'r.hea': 'r 1000000 360 10\n', 'r.dat': new Uint8Array(20) }), 'wfdb/header-field');
  });

  it('refuses a signal file outside the header folder', async () => {
    const e = await rejection(open({ 'r.hea': 'r 1 360 10\n../secret.dat 16\n' }), 'wfdb/header-field');
    expect(e.message).toContain('../secret.dat');
  });

  it('refuses signals of one file with different formats', async () => {
    await rejection(open({ 'r.hea': 'r 2 360 10\nr.dat 16\nr.dat 212\n', 'r.dat': new Uint8Array(40) }), 'wfdb/header-field');
  });
});

describe('WfdbRecord.readDigital', () => {
  const twoSignals = { 'r.hea': 'r 2 360 10\nr.dat 16\nr.dat 16\n', 'r.dat': signalFile(16, [A, B]) };

  it('reads whole signals and windows of them', async () => {
    const rec = await open(twoSignals);
    expect((await rec.readDigital(0, 10)).map((a) => Array.from(a))).toEqual([A, B]);
    expect((await rec.readDigital(3, 7, [1])).map((a) => Array.from(a))).toEqual([B.slice(3, 7)]);
    expect((await rec.readDigital(4, 4)).map((a) => a.length)).toEqual([0, 0]);
  });

  it('throws wfdb/range for frames or signals out of range', async () => {
    const rec = await open(twoSignals);
    for (const [a, b] of [[-1, 2], [5, 3], [0, 11], [0.5, 2]] as const) await rejection(rec.readDigital(a, b), 'wfdb/range');
    await rejection(rec.readDigital(0, 2, [2]), 'wfdb/range');
  });

  it('refuses a window larger than one read may allocate', async () => {
    const rec = await open({ 'r.hea': `r 1 360 ${MAX_READ_SAMPLES + 1}\nr.dat 16\n`, 'r.dat': new Uint8Array(20) });
    const e = await rejection(rec.readDigital(0, MAX_READ_SAMPLES + 1), 'wfdb/range');
    expect(e.message).toContain('in pieces');
  });

  it('deinterleaves several samples per frame and applies skew', async () => {
    // Signal 0: 2 samples per frame; signal 1: skew 2 (its sample t is stored in frame t + 2).
    const S0 = range(20, (i) => i - 7);
    const rec = await open({ 'r.hea': 'r 2 100 10\nr.dat 16x2\nr.dat 16:2\n', 'r.dat': signalFile(16, [S0, B], [2, 1]) });
    const [s0, s1] = await rec.readDigital(0, 10);
    expect(Array.from(s0!)).toEqual(S0);
    expect(Array.from(s1!)).toEqual([...B.slice(2), -32768, -32768]);
    expect(Array.from((await rec.readDigital(7, 9, [1]))[0]!)).toEqual([B[9], -32768]);
  });

  it('reads several signal files, one with a byte offset', async () => {
    const C = range(10, (i) => (i % 3) - 1);
    const rec = await open({
      'r.hea': 'r 3 360 10\nr.dat 212\nr.dat 212\nc.mat 16+24 200 16 0 -1 0 0 C\n',
      'r.dat': signalFile(212, [A, B]),
      'c.mat': concat(new Uint8Array(24).fill(0x55), signalFile(16, [C])),
    });
    expect((await rec.readDigital(0, 10)).map((a) => Array.from(a))).toEqual([A, B, C]);
    expect((await rec.readDigital(5, 8, [2, 0])).map((a) => Array.from(a))).toEqual([C.slice(5, 8), A.slice(5, 8)]);
  });

  it('reads 212 windows that start inside a packed block', async () => {
    // 3 signals: frame t starts at stream sample 3t, in the middle of a 2-sample block when t is odd.
    const signals = [range(9, (i) => i * 100 - 2000), range(9, (i) => 2047 - i), range(9, (i) => 0 - i)];
    const rec = await open({ 'r.hea': 'r 3 360 9\nr.dat 212\nr.dat 212\nr.dat 212\n', 'r.dat': signalFile(212, signals) });
    for (const [a, b] of [[1, 4], [3, 9], [8, 9]]) {
      expect((await rec.readDigital(a!, b!)).map((x) => Array.from(x))).toEqual(signals.map((s) => s.slice(a, b)));
    }
  });

  it('reads long windows whose frames straddle decoding chunks', async () => {
    // 5 signals of format 310 (3 samples per 4-byte block): 30,000 frames = 150,000 samples.
    const signals = range(5, (j) => j).map((j) => range(30_000, (i) => ((i * (j + 3)) % 1023) - 511));
    const rec = await open({ 'r.hea': `r 5 250 30000\n${'r.dat 310\n'.repeat(5)}`, 'r.dat': signalFile(310, signals) });
    expect((await rec.readDigital(0, 30_000)).map((a) => Array.from(a))).toEqual(signals);
    const [a, b] = [4_999, 29_998];
    expect((await rec.readDigital(a, b, [4, 1])).map((x) => Array.from(x))).toEqual([signals[4]!.slice(a, b), signals[1]!.slice(a, b)]);
  });

  it('gives each of many reads in flight at once its own samples, from disk', async () => {
    // Reads share a buffer for file bytes when they do not overlap; those in flight together must not.
    const dir = await mkdtemp(join(tmpdir(), 'wfdb-record-'));
    try {
      const signals = [range(20_000, (i) => (i % 4000) - 2000), range(20_000, (i) => 2000 - (i % 3999))];
      await writeFile(join(dir, 'r.hea'), 'r 2 360 20000\nr.dat 212\nr.dat 212\n');
      await writeFile(join(dir, 'r.dat'), signalFile(212, signals));
      const records = await Promise.all([openRecord(join(dir, 'r.hea')), openRecord(join(dir, 'r.hea'))]);
      const windows = Array.from({ length: 12 }, (_, i) => [i * 1500, Math.min(20_000, i * 1500 + 300 + i * 700)] as const);
      const reads = await Promise.all(windows.map(([a, b], i) => records[i % 2]!.readDigital(a, b)));
      reads.forEach((read, i) => expect(read.map((x) => Array.from(x))).toEqual(signals.map((s) => s.slice(...windows[i]!))));
      await Promise.all(records.map((r) => r.close()));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('integrates format 8 differences from the initial value in any window', async () => {
    const frames = CHECKPOINT_FRAMES + 5000;
    const diffs = [range(frames, (i) => ((i * 37) % 11) - 5), range(frames, (i) => (i % 7 === 0 ? 3 : -1))];
    const init = [-20, 7];
    const values = diffs.map((d, j) => {
      let v = init[j]!;
      return d.map((x) => (v += x));
    });
    const files = { 'r.hea': `r 2 360 ${frames}\nr.dat 8 200 8 0 -20\nr.dat 8 200 8 0 7\n`, 'r.dat': signalFile(8, diffs) };
    // A fresh record read past the first checkpoint, then one read from the start.
    const late = await open(files);
    const w = [CHECKPOINT_FRAMES - 3, CHECKPOINT_FRAMES + 4] as const;
    expect((await late.readDigital(...w)).map((a) => Array.from(a))).toEqual(values.map((v) => v.slice(...w)));
    expect(Array.from((await late.readDigital(frames - 2, frames, [1]))[0]!)).toEqual(values[1]!.slice(-2));
    const full = await open(files);
    expect((await full.readDigital(0, frames)).map((a) => Array.from(a))).toEqual(values);
  });

  it('reads null signals as invalid samples', async () => {
    const rec = await open({ 'r.hea': 'r 2 360 10\nr.dat 16\n~ 0\n', 'r.dat': signalFile(16, [A]) });
    expect(Array.from((await rec.readDigital(0, 3))[1]!)).toEqual([-32768, -32768, -32768]);
  });

  it('reads FLAC files with samples per frame and skew', async () => {
    const P = range(40, (i) => (i % 9) * 10 - 40);
    const Q = range(40, (i) => 100 - i);
    const flac = encodeFlac([Int32Array.from(P), Int32Array.from(Q)], { bitsPerSample: 16, blockSize: 16 });
    const rec = await open({ 'r.hea': 'r 2 100 20\nr.dat 516x2\nr.dat 516x2:1\n', 'r.dat': flac });
    const [p, q] = await rec.readDigital(0, 20);
    expect(Array.from(p!)).toEqual(P);
    expect(Array.from(q!)).toEqual([...Q.slice(2), -32768, -32768]);
    expect(Array.from((await rec.readDigital(5, 7, [0]))[0]!)).toEqual(P.slice(10, 14));
  });

  it('throws wfdb/truncated-signal, saying the sizes, only when a read reaches past the file', async () => {
    // The header promises 10 frames of 2 format-16 signals (40 bytes); the file holds 6 frames.
    const rec = await open({ 'r.hea': 'r 2 360 10\nr.dat 16\nr.dat 16\n', 'r.dat': signalFile(16, [A.slice(0, 6), B.slice(0, 6)]) });
    expect(Array.from((await rec.readDigital(0, 6))[0]!)).toEqual(A.slice(0, 6));
    const e = await rejection(rec.readDigital(4, 8), 'wfdb/truncated-signal');
    expect(e.message).toContain('r.dat');
    expect(e.detail).toMatchObject({ expectedBytes: 32, foundBytes: 24 });
  });
});

describe('WfdbRecord.readPhysical', () => {
  it('converts (digital - baseline) / gain and gives NaN for invalid samples', async () => {
    const D = [0, 10, -32768, 30];
    const rec = await open({ 'r.hea': 'r 2 360 4\nr.dat 16 20(10)/mV\nr.dat 16:1 200\n', 'r.dat': signalFile(16, [D, [1, 2, 3, 4]]) });
    const [p0, p1] = await rec.readPhysical(0, 4);
    expect(Array.from(p0!)).toEqual([-0.5, 0, NaN, 1]);
    expect(Array.from(p1!)).toEqual([2 / 200, 3 / 200, 4 / 200, NaN]);
  });

  it('agrees with the digital samples when long reads convert through a table, with spf, skew and odd or even frame sizes', async () => {
    // Format 212 codes (-2048 invalid) at 5,000 frames: signals with more samples than
    // the format has codes (4,096) convert through a table, shorter windows by division.
    const codes = (n: number, k: number): number[] => range(n, (i) => (i % 97 === k ? -2048 : ((i * (k + 5)) % 4095) - 2047));
    const records = [
      // Frame size 2: each signal sits in the same half of every block.
      { 'r.hea': 'r 2 360 5000\nr.dat 212 200 12 1024\nr.dat 212 31.5(-7)\n', 'r.dat': signalFile(212, [codes(5000, 0), codes(5000, 1)]) },
      // Frame size 4 (2 + 1 + 1) is even too, frame size 3 odd; skew 3 on the last signal.
      { 'r.hea': 'r 3 360 5000\nr.dat 212x2 200\nr.dat 212 100(5)\nr.dat 212:3 7\n', 'r.dat': signalFile(212, [codes(10000, 2), codes(5000, 3), codes(5000, 4)], [2, 1, 1]) },
      { 'r.hea': 'r 3 360 5000\nr.dat 212 200\nr.dat 212 100(5)\nr.dat 212:3 7\n', 'r.dat': signalFile(212, [codes(5000, 5), codes(5000, 6), codes(5000, 7)]) },
    ];
    for (const files of records) {
      const rec = await open(files);
      for (const [a, b] of [[0, 5000], [1, 4999], [4990, 5000], [7, 4500]] as const) {
        const digital = await rec.readDigital(a, b);
        const physical = await rec.readPhysical(a, b);
        physical.forEach((p, j) => expect(Array.from(p)).toEqual(Array.from(toPhysical(digital[j]!, rec.signals[j]!))));
      }
    }
  });
  it('gives each signal its own whole buffer, which a caller may transfer to a worker', async () => {
    const rec = await open({ 'r.hea': 'r 2 360 10\nr.dat 16\nr.dat 16\n', 'r.dat': signalFile(16, [A, B]) });
    for (const out of [...(await rec.readPhysical(0, 10)), ...(await rec.readDigital(2, 9))]) {
      expect([out.byteOffset, out.buffer.byteLength]).toEqual([0, out.byteLength]);
    }
    const [p0, p1] = await rec.readPhysical(0, 10);
    const buffer = p0!.buffer as ArrayBuffer;
    expect(new Float64Array(structuredClone(buffer, { transfer: [buffer] }))).toEqual(Float64Array.from(A, (v) => v / 200));
    expect(Array.from(p1!)).toEqual(B.map((v) => v / 200));
  });

  it('reads the two signals of a block together as it reads each alone, for any choice, order and skew of signals', async () => {
    // Frame size 4 (format 212, 4 signals): signals 0-1 and 2-3 share blocks; with skew
    // on signal 0 only 2-3 read together. Digital reads pick each signal alone.
    const codes = (n: number, k: number): number[] => range(n, (i) => (i % 89 === k ? -2048 : ((i * (k + 3)) % 4095) - 2047));
    const signals = [0, 1, 2, 3].map((k) => codes(5000, k));
    const headers = ['r 4 360 5000\nr.dat 212 200\nr.dat 212 100(5)\nr.dat 212 50(-3)\nr.dat 212 7\n', 'r 4 360 5000\nr.dat 212:2 200\nr.dat 212 100(5)\nr.dat 212 50(-3)\nr.dat 212 7\n'];
    for (const header of headers) {
      const rec = await open({ 'r.hea': header, 'r.dat': signalFile(212, signals) });
      for (const chosen of [[0, 1, 2, 3], [3, 2], [1, 2], [2, 3, 0, 1], [0, 0, 1]]) {
        for (const [a, b] of [[0, 5000], [3, 4999]] as const) {
          const digital = await rec.readDigital(a, b, chosen);
          const physical = await rec.readPhysical(a, b, chosen);
          physical.forEach((p, j) => expect(Array.from(p)).toEqual(Array.from(toPhysical(digital[j]!, rec.signals[chosen[j]!]!))));
        }
      }
    }
  });
});

describe('WfdbRecord.readPhysical and readDigital into given arrays', () => {
  const files = { 'r.hea': 'r 3 360 10\nr.dat 212 20(3)\nr.dat 212 50\n~ 0 10\n', 'r.dat': signalFile(212, [A, B]) };

  it('writes into the arrays given and returns them, over whatever they held, as a fresh read', async () => {
    const rec = await open(files);
    // A view inside a larger buffer is as good as an array of its own.
    const backing = new Float64Array(40).fill(99);
    const into = [backing.subarray(3, 10), new Float64Array(7).fill(99), new Float64Array(7).fill(99)];
    const out = await rec.readPhysical(2, 9, [1, 0, 2], { into });
    out.forEach((a, k) => expect(a).toBe(into[k]));
    expect(out).toEqual(await rec.readPhysical(2, 9, [1, 0, 2]));
    expect([backing[2], backing[10]]).toEqual([99, 99]);
    const digital = [new Int32Array(10).fill(99)];
    expect(await rec.readDigital(0, 10, [0], { into: digital })).toEqual([Int32Array.from(A)]);
  });

  it('throws wfdb/range when the arrays do not fit the window: a count, a length, an array twice', async () => {
    const rec = await open(files);
    const a = new Float64Array(5);
    for (const into of [[a], [a, new Float64Array(4)], [a, a]]) {
      const e = await rejection(rec.readPhysical(0, 5, [0, 1], { into }), 'wfdb/range');
      expect(e.message).toContain('lengths 5, 5');
    }
  });
});

describe('WfdbRecord.close', () => {
  it('lets a closed record be read again (files reopen)', async () => {
    const rec = await open({ 'r.hea': 'r 1 360 10\nr.dat 16\n', 'r.dat': signalFile(16, [A]) });
    await rec.close();
    expect(Array.from((await rec.readDigital(0, 2))[0]!)).toEqual(A.slice(0, 2));
  });
});
