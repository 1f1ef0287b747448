import { describe, expect, it } from 'vitest';
import { decodeReplay, encodeReplay, REPLAY_VERSION, type ReplaySample } from '../../../../src/main/adaptation/replay-sample';
import { RR_FEATURE_COUNT } from '../../../../src/main/signal/rr-features';

function sample(count: number, L = 6, withDifferences = false): ReplaySample {
  const windows = Float32Array.from({ length: count * L }, (_, i) => Math.sin(i) * 4);
  const rr = Float32Array.from({ length: count * RR_FEATURE_COUNT }, (_, i) => 0.5 + i / 100);
  const classes = Int8Array.from({ length: count }, (_, i) => i % 5);
  const differences = withDifferences ? Float32Array.from({ length: count * L }, (_, i) => Math.cos(i) * 9) : null;
  return { header: { version: REPLAY_VERSION, count, windowLength: L, windowRateHz: 180, rrCount: RR_FEATURE_COUNT, scale: 2048, classCounts: [1, 1, 1, 0, 0], records: ['101'], source: 'test', license: 'ODC-By 1.0' }, windows, differences, rr, classes };
}

describe('encodeReplay / decodeReplay', () => {
  it('round-trips classes and RR features exactly and windows within half a quantisation step', () => {
    const original = sample(3);
    const back = decodeReplay(encodeReplay(original), 'x.bin');
    expect(back.header).toEqual({ ...original.header, hasDifferences: false });
    expect(Array.from(back.classes)).toEqual(Array.from(original.classes));
    expect(Array.from(back.rr)).toEqual(Array.from(original.rr));
    back.windows.forEach((v, i) => expect(Math.abs(v - original.windows[i]!)).toBeLessThanOrEqual(0.5 / 2048 + 1e-7));
    expect(back.differences).toBeNull();
  });

  it('round-trips neighbour differences like the windows, after the RR features', () => {
    const original = sample(3, 6, true);
    const bytes = encodeReplay(original);
    const back = decodeReplay(bytes, 'x.bin');
    expect(back.header.hasDifferences).toBe(true);
    expect(Array.from(back.rr)).toEqual(Array.from(original.rr));
    back.differences!.forEach((v, i) => expect(Math.abs(v - original.differences![i]!)).toBeLessThanOrEqual(0.5 / 2048 + 1e-7));
    expect(() => decodeReplay(bytes.subarray(0, bytes.length - 4), 'cut.bin')).toThrow(/cut\.bin: holds/);
  });

  it('refuses a file with a bad magic, a cut body or a class out of range, naming the file', () => {
    const bytes = encodeReplay(sample(2));
    expect(() => decodeReplay(bytes.subarray(0, bytes.length - 4), 'cut.bin')).toThrow(/cut\.bin: holds \d+ bytes where its header needs/);
    const wrong = bytes.slice();
    wrong[0] = 0x41;
    expect(() => decodeReplay(wrong, 'magic.bin')).toThrow(/magic\.bin: not a replay sample/);
    const badClass = sample(2);
    badClass.classes[1] = 7;
    expect(() => decodeReplay(encodeReplay(badClass), 'class.bin')).toThrow(/class\.bin: a class index is outside/);
  });
});
