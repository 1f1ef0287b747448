import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../src/shared/errors';
import { formatHeader, parseHeader } from '../../../../src/main/wfdb/header';
import type { WfdbHeader } from '../../../../src/main/wfdb/header-spec';

/** Runs `fn`, expecting a WfdbError with `code`; returns it. */
function wfdbErrorOf(fn: () => unknown, code: string): WfdbError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WfdbError);
    expect((error as WfdbError).code).toBe(code);
    return error as WfdbError;
  }
  throw new Error(`expected a WfdbError ${code}`);
}

// MIT-BIH record 100's header as PhysioNet ships it (CRLF), with a leading comment.
const MITDB_100 = [
  '# unnecessary comment',
  '100 2 360 650000 12:04:30 17/06/1975',
  '100.dat 212 200 11 1024 995 -22131 0 MLII',
  '100.dat 212 200 11 1024 1011 20052 0 V5',
  '# 69 M 1085 1629 x1',
  '# Aldomet, Inderal',
].join('\r\n');

describe('parseHeader', () => {
  it('reads every field of the record line', () => {
    const h = parseHeader('rec-1 1 62.4725/999.56(-12.5) 14400 16:57:09.250 26/10/2137\nrec-1.dat 16\n', 'rec-1.hea');
    expect(h.record).toEqual({
      recordName: 'rec-1',
      nSeg: null,
      nSig: 1,
      fs: 62.4725,
      counterFreq: 999.56,
      baseCounter: -12.5,
      sigLen: 14400,
      baseTime: '16:57:09.250',
      baseDate: '26/10/2137',
    });
  });

  it('leaves absent record fields null and assumes 250 Hz when the frequency is absent', () => {
    const h = parseHeader('r 0\n', 'r.hea');
    expect(h.record).toEqual({
      recordName: 'r',
      nSeg: null,
      nSig: 0,
      fs: 250,
      counterFreq: null,
      baseCounter: null,
      sigLen: null,
      baseTime: null,
      baseDate: null,
    });
    expect(h.signals).toEqual([]);
    expect(h.segments).toBeNull();
  });

  it('reads every field of a signal line', () => {
    const h = parseHeader('r 1 500 10\nr.dat 16x4:3+24 1.052e+04(-55)/mmHg 14 8 -8 -8177 512 ECG lead II\n', 'r.hea');
    expect(h.signals).toEqual([
      {
        fileName: 'r.dat',
        fmt: 16,
        sampsPerFrame: 4,
        skew: 3,
        byteOffset: 24,
        adcGain: 10520,
        baseline: -55,
        units: 'mmHg',
        adcRes: 14,
        adcZero: 8,
        initValue: -8,
        checksum: -8177,
        blockSize: 512,
        description: 'ECG lead II',
      },
    ]);
  });

  it('applies the read defaults of header(5) to absent signal fields', () => {
    const h = parseHeader('r 3\na.dat 212\nb.dat 310 0 0 7\nc.dat 80 -19.5(3)\n', 'r.hea');
    const [a, b, c] = h.signals;
    expect(a).toMatchObject({ sampsPerFrame: 1, skew: 0, byteOffset: 0, adcGain: 200, baseline: 0, units: 'mV', adcRes: 12, adcZero: 0, initValue: 0, checksum: null, blockSize: 0, description: '' });
    // Gain 0 means the default; resolution 0 the format's; baseline and initial value follow ADC zero.
    expect(b).toMatchObject({ adcGain: 200, adcRes: 10, adcZero: 7, baseline: 7, initValue: 7 });
    expect(c).toMatchObject({ adcGain: -19.5, baseline: 3, units: 'mV', adcRes: 8 });
  });

  it('reads CRLF and LF headers alike, skipping empty lines and trailing spaces', () => {
    const lf = parseHeader(MITDB_100.replace(/\r\n/g, '\n'), '100.hea');
    const crlf = parseHeader(MITDB_100.replace('MLII', 'MLII   \r\n\r\n'), '100.hea');
    expect(crlf).toEqual(lf);
    expect(lf.signals.map((s) => [s.description, s.baseline, s.initValue, s.checksum])).toEqual([
      ['MLII', 1024, 995, -22131],
      ['V5', 1024, 1011, 20052],
    ]);
  });

  it('keeps every comment and the ones after the signal lines as info strings', () => {
    const h = parseHeader(MITDB_100, '100.hea');
    expect(h.comments).toEqual([' unnecessary comment', ' 69 M 1085 1629 x1', ' Aldomet, Inderal']);
    expect(h.info).toEqual([' 69 M 1085 1629 x1', ' Aldomet, Inderal']);
  });

  it('reads a fixed-layout multi-segment header', () => {
    const h = parseHeader('041s/2 7 125 2000 8:26:04 26/10/1994\r\n041s01 1000\r\n041s02 1000\r\n', '041s.hea');
    expect(h.record).toMatchObject({ recordName: '041s', nSeg: 2, nSig: 7, sigLen: 2000, baseTime: '8:26:04' });
    expect(h.signals).toEqual([]);
    expect(h.segments).toEqual([
      { segName: '041s01', segLen: 1000 },
      { segName: '041s02', segLen: 1000 },
    ]);
  });

  it('reads a variable-layout header with a layout segment and null segments', () => {
    const text = '# Location: micu\ns00001-2896/3 4 125 10000 01:56:25.894 09/10/2896\n3248903_layout 0\n~ 7500\n3248903_0001 2500\n# <age>: 60\n';
    const h = parseHeader(text, 's.hea');
    expect(h.segments).toEqual([
      { segName: '3248903_layout', segLen: 0 },
      { segName: '~', segLen: 7500 },
      { segName: '3248903_0001', segLen: 2500 },
    ]);
    expect(h.info).toEqual([' <age>: 60']);
  });

  it('reads a layout header whose signals have no file', () => {
    const h = parseHeader('3269321_layout 2 125 0 16:57:09\n~ 0 255(-128)/NU 8 0 -128 0 0 PLETH\n~ 0 1.28(-109)/mmHg 8 0 -128 0 0 ABP\n', 'l.hea');
    expect(h.record.sigLen).toBe(0);
    expect(h.signals.map((s) => [s.fileName, s.fmt, s.adcGain, s.baseline, s.description])).toEqual([
      ['~', 0, 255, -128, 'PLETH'],
      ['~', 0, 1.28, -109, 'ABP'],
    ]);
  });

  it('accepts the base time forms MM:SS.fff and SS', () => {
    expect(parseHeader('r 0 125 6750    31:51.982\n', 'r.hea').record.baseTime).toBe('31:51.982');
    expect(parseHeader('r 0 125 6750 7\n', 'r.hea').record.baseTime).toBe('7');
  });

  it('reports a missing record line', () => {
    const e = wfdbErrorOf(() => parseHeader('# only a comment\n\n', 'x.hea'), 'wfdb/header-syntax');
    expect(e.message).toContain('x.hea');
  });

  it('names the line and field of a malformed format', () => {
    const e = wfdbErrorOf(() => parseHeader('r 2 360\nr.dat 212\nr.dat 21x2y 200\n', 'r.hea'), 'wfdb/header-syntax');
    expect(e.detail).toMatchObject({ file: 'r.hea', line: 3, field: 'format', found: '21x2y' });
    expect(e.message).toMatch(/^r\.hea: line 3, format/);
  });

  it('counts lines from the top of the file, comments and empty lines included', () => {
    const e = wfdbErrorOf(() => parseHeader('# c\n\nr 1 abc\n', 'r.hea'), 'wfdb/header-syntax');
    expect(e.detail).toMatchObject({ line: 3, field: 'sampling frequency' });
  });

  it('reports fewer signal lines than the record line announces', () => {
    const e = wfdbErrorOf(() => parseHeader('r 3 360\nr.dat 212\nr.dat 212\n', 'r.hea'), 'wfdb/header-syntax');
    expect(e.detail).toMatchObject({ line: 3, field: 'signal lines' });
    expect(e.message).toContain('3 signal lines');
  });

  it('reports more signal lines than the record line announces', () => {
    const e = wfdbErrorOf(() => parseHeader('r 1 360\nr.dat 212\nr.dat 212\n', 'r.hea'), 'wfdb/header-syntax');
    expect(e.detail).toMatchObject({ line: 3, field: 'signal lines' });
  });

  it.each([
    ['a zero sampling frequency', 'r 1 0\nr.dat 16\n', 1, 'sampling frequency'],
    ['an impossible date', 'r 1 360 10 10:00:00 31/02/2020\nr.dat 16\n', 1, 'base date'],
    ['an impossible time', 'r 1 360 10 10:61:00\nr.dat 16\n', 1, 'base time'],
    ['10^6 signals', 'r 1000000 360\nr.dat 16\n', 1, 'number of signals'],
    ['10^12 samples', 'r 1 360 1000000000000\nr.dat 16\n', 1, 'number of samples'],
    ['zero samples per frame', 'r 1 360\nr.dat 16x0\n', 2, 'samples per frame'],
    ['a 40-bit resolution', 'r 1 360\nr.dat 16 200 40\n', 2, 'ADC resolution'],
    ['an ADC zero beyond 32 bits', 'r 1 360\nr.dat 16 200 16 99999999999\n', 2, 'ADC zero'],
  ])('refuses %s with wfdb/header-field naming line and field', (_what, text, line, field) => {
    const e = wfdbErrorOf(() => parseHeader(text, 'r.hea'), 'wfdb/header-field');
    expect(e.detail).toMatchObject({ file: 'r.hea', line, field });
  });

  it('reports a malformed segment line', () => {
    const e = wfdbErrorOf(() => parseHeader('m/2 1 360 20\na 10\nb ten\n', 'm.hea'), 'wfdb/header-syntax');
    expect(e.detail).toMatchObject({ line: 3, field: 'segment length' });
  });
});

describe('formatHeader', () => {
  it('writes all fields up to the last one that differs from its default', () => {
    const text = formatHeader(parseHeader('r 2 360 650000\nr.dat 212 200 11 1024 995 -22131 0 MLII\nr.dat 212:3+6 100(7)\n', 'r.hea'));
    expect(text).toBe('r 2 360 650000\nr.dat 212 200(1024)/mV 11 1024 995 -22131 0 MLII\nr.dat 212:3+6 100(7)/mV\n');
  });

  it('puts info strings after the specification lines and other comments first', () => {
    const h = parseHeader(MITDB_100, '100.hea');
    const lines = formatHeader(h).split('\n');
    expect(lines[0]).toBe('# unnecessary comment');
    expect(lines.slice(-3)).toEqual(['# 69 M 1085 1629 x1', '# Aldomet, Inderal', '']);
  });

  it('round-trips the headers of MIT-BIH 100, a multi-segment and a layout record', () => {
    const texts = [
      MITDB_100,
      'p000878/4 4 125 7500 16:57:09.000 26/10/2137\r\n3269321_layout 0\r\n~ 3750\r\n3269321_0001 2000\r\n3269321_0002 1750\r\n',
      '3269321_layout 4 125 0 16:57:09\n~ 0 255(-128)/NU 8 0 -128 0 0 PLETH\n~ 0 127(-64)/mV 8 0 -128 0 0 II\n~ 0 127(-64)/mV 8 0 -128 0 0 V\n~ 0 1.28(-109)/mmHg 8 0 -128 0 0 ABP\n',
      'n8 2 48000 2022144\nn8.dat 24 2.4011e-11/nV\nn8.dat 24 6.8094e-14/V\n##<SPL>: 95',
    ];
    for (const text of texts) {
      const h = parseHeader(text, 'h.hea');
      expect(parseHeader(formatHeader(h), 'h.hea')).toEqual(h);
    }
  });

  it('refuses a base time without a number of samples', () => {
    const h: WfdbHeader = parseHeader('r 0 360 10 12:00:00\n', 'r.hea');
    h.record.sigLen = null;
    const e = wfdbErrorOf(() => formatHeader(h), 'wfdb/header-field');
    expect(e.message).toContain('number of samples');
  });

  it('refuses a description that would follow an absent checksum', () => {
    const h = parseHeader('r 1 360\nr.dat 16 200 16 0 0 5 0 ECG\n', 'r.hea');
    h.signals[0]!.checksum = null;
    const e = wfdbErrorOf(() => formatHeader(h), 'wfdb/header-field');
    expect(e.message).toContain('checksum');
  });

  it('refuses a units string with a space', () => {
    const h = parseHeader('r 1 360\nr.dat 16 200/mV\n', 'r.hea');
    h.signals[0]!.units = 'm V';
    wfdbErrorOf(() => formatHeader(h), 'wfdb/header-field');
  });
});
