import { describe, expect, it } from 'vitest';
import { formatAnnotations, parseAnnotations, type Annotation, type AnnotationSet } from '../../../../src/main/wfdb/annotation';
import { annotationFile, aux, skip, word } from './annotation-bytes';

function ann(sample: number, symbol: string, code: number, extra: Partial<Annotation> = {}): Annotation {
  return { sample, symbol, code, subtype: 0, chan: 0, num: 0, aux: null, ...extra };
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('formatAnnotations', () => {
  it('writes the annotation word, then SUB, CHN, NUM and AUX when needed, as putann', () => {
    const set: AnnotationSet = {
      fs: null,
      annotations: [
        ann(18, '+', 28, { aux: '(N\0' }),
        ann(77, 'N', 1, { subtype: -1, chan: 1, num: 3 }),
        ann(370, 'N', 1, { chan: 1, num: 3 }),
        ann(662, 'V', 5, { chan: 0, num: 3, aux: 'ab' }),
      ],
    };
    expect([...formatAnnotations(set)]).toEqual([
      ...annotationFile(
        word(28, 18), aux('(N\0'),
        word(1, 59), word(61, 0x3ff), word(62, 1), word(60, 3),
        word(1, 293),
        word(5, 292), word(62, 0), aux('ab'),
      ),
    ]);
  });

  it('writes a SKIP for an interval over 1023 and for a step back in time', () => {
    const set = { fs: null, annotations: [ann(1023, 'N', 1), ann(2047, 'N', 1), ann(2000, 'V', 5)] };
    expect([...formatAnnotations(set)]).toEqual([
      ...annotationFile(word(1, 1023), skip(1024), word(1, 0), skip(-47), word(5, 0)),
    ]);
  });

  it('splits an interval beyond 2^31 − 1 into several SKIPs, as huge.qrs stores 10^10', () => {
    const bytes = formatAnnotations({ fs: null, annotations: [ann(10_000_000_000, 'N', 1)] });
    const max = skip(0x7fffffff);
    expect([...bytes]).toEqual([...annotationFile(max, max, max, max, skip(1_410_065_412), word(1, 0))]);
  });

  it('writes fs as the note and NOTQRS that wfdb-python wr_ann_file writes', () => {
    // calc_fs_bytes: [0, 88, len, 252, text, pad]; end_special_bytes: [0, 236, 255, 255, 255, 255, 1, 0].
    const bytes = formatAnnotations({ fs: 360, annotations: [ann(18, 'N', 1)] });
    const note = ascii('## time resolution: 360');
    expect([...bytes]).toEqual([0, 88, 23, 252, ...note, 0, 0, 236, 255, 255, 255, 255, 1, 0, ...word(1, 18), 0, 0]);
  });

  it('writes custom labels as a definitions block that reads back', () => {
    const set: AnnotationSet = {
      fs: 250.5,
      customLabels: [{ code: 42, symbol: 'CAL', description: 'Calibration pulse' }],
      annotations: [ann(10, 'CAL', 42), ann(20, 'N', 1)],
    };
    const bytes = formatAnnotations(set);
    expect(parseAnnotations(bytes, 'x.atr')).toEqual(set);
    const text = String.fromCharCode(...bytes);
    expect(text).toContain('## annotation type definitions');
    expect(text).toContain('42 CAL Calibration pulse');
    expect(text).toContain('## end of definitions');
  });

  it('puts codes 60–63 after a SKIP so that they read back as annotations', () => {
    const set = { fs: null, annotations: [ann(1021, '', 63), ann(1024, 'N', 1)] };
    const bytes = formatAnnotations(set);
    expect([...bytes]).toEqual([...annotationFile(skip(1021), word(63, 0), word(1, 3))]);
    expect(parseAnnotations(bytes, 'x.atr')).toEqual(set);
  });

  it.each([
    ['a negative sample', ann(-1, 'N', 1), /sample -1/],
    ['a fractional sample', ann(1.5, 'N', 1), /sample 1\.5/],
    ['code 0', ann(1, '', 0), /code 0/],
    ['code 59 (SKIP)', ann(1, '', 59), /code 59/],
    ['code 64', ann(1, '', 64), /code 64/],
    ['a symbol of another code', ann(1, 'V', 1), /symbol 'V'.*code 1 \('N'\)/],
    ['a NOTE at sample 0', ann(0, '"', 22, { aux: 'hello' }), /NOTE at sample 0/],
    ['subtype 128', ann(1, 'N', 1, { subtype: 128 }), /subtype 128/],
    ['chan −1', ann(1, 'N', 1, { chan: -1 }), /chan -1/],
    ['num −129', ann(1, 'N', 1, { num: -129 }), /num -129/],
    ['aux over 255 characters', ann(1, 'N', 1, { aux: 'x'.repeat(256) }), /256 characters/],
    ['aux beyond Latin-1', ann(1, 'N', 1, { aux: 'Δ' }), /U\+0394/],
  ])('throws naming the annotation for %s', (_name, bad, message) => {
    const set = { fs: null, annotations: [ann(0, 'N', 1), bad] };
    expect(() => formatAnnotations(set, 'out.atr')).toThrow(message);
    expect(() => formatAnnotations(set, 'out.atr')).toThrow(/^out\.atr: annotation 1: /);
  });

  it.each([
    ['fs 0', { fs: 0 }, /fs 0/],
    ['fs NaN', { fs: Number.NaN }, /fs NaN/],
    ['fs 1e21', { fs: 1e21 }, /fs 1e\+21/],
    ['a label code 50', { customLabels: [{ code: 50, symbol: 'X', description: 'x' }] }, /code 50/],
    ['a label symbol with a space', { customLabels: [{ code: 42, symbol: 'A B', description: 'x' }] }, /symbol/],
    ['a two-line label description', { customLabels: [{ code: 42, symbol: 'X', description: 'a\nb' }] }, /one-line/],
  ])('throws for %s', (_name, extra, message) => {
    const set: AnnotationSet = { fs: null, annotations: [], ...extra };
    expect(() => formatAnnotations(set, 'out.atr')).toThrow(message);
  });
});
