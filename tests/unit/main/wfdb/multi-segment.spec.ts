import { describe, expect, it } from 'vitest';
import { memoryFiles } from '../../../../src/main/wfdb/file-source';
import { openRecord } from '../../../../src/main/wfdb/record';
import { range, rejection, signalFile } from './record-fixtures';

const I = -32768; // WFDB_INVALID_SAMPLE

function open(files: Record<string, Uint8Array | string>, name = 'm') {
  return openRecord(`db/${name}.hea`, { files: memoryFiles(Object.fromEntries(Object.entries(files).map(([k, v]) => [`db/${k}`, v]))) });
}

// Fixed layout: two segments of the same two signals; the second with another gain.
const FIXED = {
  'm.hea': 'm/3 2 100 9\ns1 4\n~ 2\ns2 3\n',
  's1.hea': 's1 2 100 4\ns1.dat 212 200(0)/mV 12 0 0 0 0 ECG\ns1.dat 212 100(10)/mV 12 0 0 0 0 BP\n',
  's1.dat': signalFile(212, [[1, 2, 3, -2048], [10, 20, 30, 40]]),
  's2.hea': 's2 2 100 3\ns2.dat 16 400(0)/mV 16 0 0 0 0 ECG\ns2.dat 16 100(10)/mV 16 0 0 0 0 BP\n',
  's2.dat': signalFile(16, [[4, 8, -32768], [50, 60, 70]]),
};

// Variable layout: the layout lists three signals; segment v1 holds two of them (in
// another order, one with half the layout's gain), v2 holds one.
const VARIABLE = {
  'm.hea': 'm/4 3 125 7\nm_layout 0\nv1 3\n~ 2\nv2 2\n',
  'm_layout.hea': 'm_layout 3 125 0\n~ 0 200(0)/mV 8 0 0 0 0 II\n~ 0 100(5)/mV 8 0 0 0 0 V\n~ 0 1.25(-100)/mmHg 8 0 0 0 0 ABP\n',
  'v1.hea': 'v1 2 125 3\nv1.dat 80 1.25(-100)/mmHg 8 0 0 0 0 ABP\nv1.dat 80 100(0)/mV 8 0 0 0 0 II\n',
  'v1.dat': signalFile(80, [[0, 20, -128], [1, -3, 7]]),
  'v2.hea': 'v2 1 125 2\nv2.dat 80 100(5)/mV 8 0 0 0 0 V\n',
  'v2.dat': signalFile(80, [[9, -9]]),
};

describe('openRecord (multi-segment)', () => {
  it('describes a fixed layout by its first segment and sums the segment lengths', async () => {
    const rec = await open(FIXED);
    expect(rec.frameCount).toBe(9);
    expect(rec.signals.map((s) => [s.description, s.format, s.adcGain, s.invalidValue])).toEqual([
      ['ECG', 212, 200, -2048],
      ['BP', 212, 100, -2048],
    ]);
  });

  it('describes a variable layout by its layout segment', async () => {
    const rec = await open(VARIABLE);
    expect(rec.frameCount).toBe(7);
    expect(rec.signals.map((s) => [s.description, s.adcGain, s.baseline, s.invalidValue])).toEqual([
      ['II', 200, 0, I],
      ['V', 100, 5, I],
      ['ABP', 1.25, -100, I],
    ]);
  });

  it('refuses segment lengths that do not add up to the record length', async () => {
    await rejection(open({ ...FIXED, 'm.hea': 'm/3 2 100 10\ns1 4\n~ 2\ns2 3\n' }), 'wfdb/header-field');
  });

  it('opens a record whose later segment headers are missing, failing when a read reaches one', async () => {
    const { 's2.hea': _gone, ...files } = FIXED;
    const rec = await open(files);
    expect(Array.from((await rec.readDigital(0, 6))[1]!)).toEqual([10, 20, 30, 40, -2048, -2048]);
    const e = await rejection(rec.readDigital(5, 8), 'wfdb/missing-file');
    expect(e.message).toContain('s2.hea');
  });
});

describe('WfdbRecord.readDigital (multi-segment)', () => {
  it('joins fixed-layout segments, null segments and invalid codes in the record format', async () => {
    const rec = await open(FIXED);
    const [ecg, bp] = await rec.readDigital(0, 9);
    // The 16-bit segment's invalid code -32768 becomes the record's (212) code -2048.
    expect(Array.from(ecg!)).toEqual([1, 2, 3, -2048, -2048, -2048, 4, 8, -2048]);
    expect(Array.from(bp!)).toEqual([10, 20, 30, 40, -2048, -2048, 50, 60, 70]);
    expect(Array.from((await rec.readDigital(3, 7, [1]))[0]!)).toEqual([40, -2048, -2048, 50]);
  });

  it('maps variable-layout signals by description and rescales to the layout gain', async () => {
    const rec = await open(VARIABLE);
    const [ii, v, abp] = await rec.readDigital(0, 7);
    // II: segment gain 100, layout 200 → twice the segment's digital values.
    expect(Array.from(ii!)).toEqual([2, -6, 14, I, I, I, I]);
    expect(Array.from(v!)).toEqual([I, I, I, I, I, 9, -9]);
    // ABP: same gain and baseline; the segment's format 80 invalid code becomes -32768.
    expect(Array.from(abp!)).toEqual([0, 20, I, I, I, I, I]);
  });

  it('serves any window as the slice of the whole record', async () => {
    const rec = await open(VARIABLE);
    const whole = await rec.readDigital(0, 7);
    for (let a = 0; a <= 7; a++) {
      for (let b = a; b <= 7; b++) {
        const part = await rec.readDigital(a, b, [2, 0]);
        expect(part.map((x) => Array.from(x))).toEqual([Array.from(whole[2]!.slice(a, b)), Array.from(whole[0]!.slice(a, b))]);
      }
    }
  });

  it('reads a record of many segments, closing the least recently used', async () => {
    const files: Record<string, Uint8Array | string> = { 'm.hea': `m/40 1 100 80\n${range(40, (i) => i).map((i) => `s${i} 2`).join('\n')}\n` };
    for (let i = 0; i < 40; i++) {
      files[`s${i}.hea`] = `s${i} 1 100 2\ns${i}.dat 16\n`;
      files[`s${i}.dat`] = signalFile(16, [[i, -i]]);
    }
    const rec = await open(files);
    const expected = range(40, (i) => i).flatMap((i) => [i, 0 - i]);
    expect(Array.from((await rec.readDigital(0, 80))[0]!)).toEqual(expected);
    expect(Array.from((await rec.readDigital(3, 9))[0]!)).toEqual(expected.slice(3, 9));
    await rec.close();
  });
});

describe('WfdbRecord.readPhysical (multi-segment)', () => {
  it('converts each segment with its own gain and baseline', async () => {
    const rec = await open(FIXED);
    const [ecg, bp] = await rec.readPhysical(0, 9);
    expect(Array.from(ecg!)).toEqual([1 / 200, 2 / 200, 3 / 200, NaN, NaN, NaN, 4 / 400, 8 / 400, NaN]);
    expect(Array.from(bp!)).toEqual([0, 0.1, 0.2, 0.3, NaN, NaN, 0.4, 0.5, 0.6]);
  });

  it('gives NaN for signals a variable-layout segment lacks', async () => {
    const rec = await open(VARIABLE);
    const [ii, , abp] = await rec.readPhysical(0, 4);
    expect(Array.from(ii!)).toEqual([0.01, -0.03, 0.07, NaN]);
    expect(Array.from(abp!)).toEqual([80, 96, NaN, NaN]);
  });

  it('writes into the arrays given, over whatever they held, the samples a fresh read returns', async () => {
    for (const files of [FIXED, VARIABLE]) {
      const rec = await open(files);
      for (const [a, b, chosen] of [[0, rec.frameCount, [0, 1]], [2, 6, [1, 0, 1]]] as const) {
        const physical = chosen.map(() => new Float64Array(b - a).fill(123));
        const digital = chosen.map(() => new Int32Array(b - a).fill(123));
        const [gotPhysical, gotDigital] = [await rec.readPhysical(a, b, chosen, { into: physical }), await rec.readDigital(a, b, chosen, { into: digital })];
        gotPhysical.forEach((out, k) => expect(out).toBe(physical[k]));
        gotDigital.forEach((out, k) => expect(out).toBe(digital[k]));
        expect(gotPhysical).toEqual(await rec.readPhysical(a, b, chosen));
        expect(gotDigital).toEqual(await rec.readDigital(a, b, chosen));
      }
    }
  });
});

describe('openRecord (multi-segment, bad segments)', () => {
  it('refuses a record whose every segment is null, naming the header', async () => {
    const e = await rejection(open({ 'm.hea': 'm/2 2 100 5\n~ 2\n~ 3\n' }), 'wfdb/header-field');
    expect(e.message).toMatch(/^db\/m\.hea: no segment describes the signals: every segment is null/);
  });

  it('refuses a describing segment with another number of signals, naming the segment header', async () => {
    const e = await rejection(open({ ...FIXED, 'm.hea': 'm/3 3 100 9\ns1 4\n~ 2\ns2 3\n' }), 'wfdb/header-field');
    expect(e.message).toMatch(/^db\/s1\.hea: has 2 signals, the record m has 3/);
  });

  it('refuses a describing segment that is itself a multi-segment record, saying so', async () => {
    const e = await rejection(open({ ...FIXED, 's1.hea': 's1/1 2 100 4\nq 4\n' }), 'wfdb/header-field');
    expect(e.message).toMatch(/^db\/s1\.hea: segment is itself a multi-segment record/);
  });
});

describe('WfdbRecord.readDigital (multi-segment, bad segments)', () => {
  // Each case replaces the second segment's header; the first segment stays readable.
  const cases: [string, Record<string, string | Uint8Array>, RegExp][] = [
    ['is itself a multi-segment record', { 's2.hea': 's2/1 2 100 3\nq 3\n' }, /^db\/s2\.hea: segment is itself a multi-segment record/],
    ['has another sampling frequency', { 's2.hea': FIXED['s2.hea'].replace('s2 2 100 3', 's2 2 250 3') }, /^db\/s2\.hea: segment has sampling frequency 250, the record 100/],
    ['is shorter than the record header says', { 's2.hea': FIXED['s2.hea'].replace('s2 2 100 3', 's2 2 100 2') }, /^db\/s2\.hea: segment has 2 frames, the record's header says 3/],
    [
      'has another number of signals (fixed layout)',
      { 's2.hea': 's2 1 100 3\ns2.dat 16 400(0)/mV 16 0 0 0 0 ECG\n', 's2.dat': signalFile(16, [[4, 8, 9]]) },
      /^db\/s2\.hea: segment has 1 signals, the record 2 \(fixed layout\)/,
    ],
    [
      'has other samples per frame',
      { 's2.hea': 's2 2 100 3\ns2.dat 16x2 400(0)/mV 16 0 0 0 0 ECG\ns2.dat 16 100(10)/mV 16 0 0 0 0 BP\n', 's2.dat': signalFile(16, [range(6), range(3)], [2, 1]) },
      /^db\/s2\.hea: segment signal 0 has 2 samples per frame, the record's signal 0 1/,
    ],
  ];

  for (const [what, replaced, problem] of cases) {
    it(`throws wfdb/header-field naming the segment when a read reaches one that ${what}`, async () => {
      const rec = await open({ ...FIXED, ...replaced });
      expect(Array.from((await rec.readDigital(0, 6))[0]!)).toEqual([1, 2, 3, -2048, -2048, -2048]);
      const e = await rejection(rec.readDigital(4, 9), 'wfdb/header-field');
      expect(e.message).toMatch(problem);
      expect(e.detail).toMatchObject({ file: 'db/s2.hea', field: 'segment' });
      await rec.close();
    });
  }

  it('refuses a variable-layout segment signal with other samples per frame than the layout', async () => {
    const rec = await open({ ...VARIABLE, 'v2.hea': 'v2 1 125 2\nv2.dat 80x2 100(5)/mV 8 0 0 0 0 V\n', 'v2.dat': signalFile(80, [[9, -9, 1, 2]], [2]) });
    const e = await rejection(rec.readDigital(0, 7), 'wfdb/header-field');
    expect(e.message).toMatch(/^db\/v2\.hea: segment signal 0 has 2 samples per frame, the record's signal 1 1/);
  });
});
