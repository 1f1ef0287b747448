/**
 * Property tests of the header parser and writer (fast-check): generated headers survive
 * formatHeader → parseHeader unchanged, and random or mutated text makes parseHeader
 * either succeed or throw a WfdbError, never anything else, in bounded time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../src/shared/errors';
import { formatHeader, parseHeader } from '../../../../src/main/wfdb/header';
import type { RecordLine, SegmentSpec, SignalSpec, WfdbHeader } from '../../../../src/main/wfdb/header-spec';

const FORMATS = [8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524, 0];
const INT32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
/** Finite doubles other than -0 (which prints as "0"). */
const positive = fc.double({ min: 1e-3, max: 1e6, noNaN: true }).map((x) => x + 0);
const gain = fc.oneof(positive, positive.map((x) => -x)).filter((x) => x !== 0);
/** Comment text: anything printable on one line, without trailing blanks (lines are trimmed). */
const comment = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ').trimEnd());
const word = (rx: RegExp): fc.Arbitrary<string> => fc.stringMatching(rx);

const timeText = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m, s]) => `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`);
const dateText = fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => {
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
});

const recordTail = fc
  .tuple(fc.option(fc.integer({ min: 0, max: 2 ** 36 })), fc.option(timeText), fc.option(dateText))
  .map(([sigLen, baseTime, baseDate]) => {
    // Positional fields: a later one present implies the earlier ones.
    const time = baseTime ?? (baseDate !== null ? '0:00:00' : null);
    return { sigLen: sigLen ?? (time !== null ? 1 : null), baseTime: time, baseDate };
  });

const signal: fc.Arbitrary<SignalSpec> = fc
  .record({
    fileName: word(/^[\w.~-]{1,12}$/),
    fmt: fc.constantFrom(...FORMATS),
    sampsPerFrame: fc.integer({ min: 1, max: 1000 }),
    skew: fc.integer({ min: 0, max: 1000 }),
    byteOffset: fc.integer({ min: 0, max: 1_000_000 }),
    adcGain: gain,
    baseline: INT32,
    units: word(/^[A-Za-z%°µ/^?-]{1,8}$/),
    adcRes: fc.integer({ min: 1, max: 32 }),
    adcZero: INT32,
    initValue: INT32,
    checksum: fc.option(INT32),
    blockSize: fc.integer({ min: 0, max: 4096 }),
    description: word(/^[\w.,()%-]( ?[\w.,()%-])*$/),
  })
  .map((s) => (s.checksum === null ? { ...s, blockSize: 0, description: '' } : s));

const segment: fc.Arbitrary<SegmentSpec> = fc.record({
  segName: fc.oneof(word(/^[\w-]{1,12}$/), fc.constant('~')),
  segLen: fc.integer({ min: 0, max: 2 ** 30 }),
});

const header: fc.Arbitrary<WfdbHeader> = fc
  .record({
    recordName: word(/^[\w-]{1,12}$/),
    fs: positive,
    freq: fc.option(fc.tuple(positive, fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0)))),
    tail: recordTail,
    body: fc.oneof(
      fc.record({ signals: fc.array(signal, { maxLength: 5 }), segments: fc.constant(null) }),
      fc.record({ signals: fc.constant([] as SignalSpec[]), segments: fc.array(segment, { minLength: 1, maxLength: 5 }) }),
    ),
    nSigOfSegments: fc.integer({ min: 0, max: 64 }),
    comments: fc.array(comment, { maxLength: 4 }),
    infoCount: fc.integer({ min: 0, max: 4 }),
  })
  .map((g) => {
    const record: RecordLine = {
      recordName: g.recordName,
      nSeg: g.body.segments === null ? null : g.body.segments.length,
      nSig: g.body.segments === null ? g.body.signals.length : g.nSigOfSegments,
      fs: g.fs,
      counterFreq: g.freq === null ? null : g.freq[0],
      baseCounter: g.freq === null ? null : g.freq[1],
      ...g.tail,
    };
    // Without specification lines after the record line, every later comment is an info string.
    const hasLines = (g.body.segments ?? g.body.signals).length > 0;
    const info = g.comments.slice(g.comments.length - Math.min(g.infoCount, g.comments.length));
    const comments = hasLines ? g.comments : info;
    return { record, signals: g.body.signals, segments: g.body.segments, comments, info };
  });

describe('formatHeader', () => {
  it('writes text that parseHeader reads back as the same header', () => {
    fc.assert(
      fc.property(header, (h) => {
        expect(parseHeader(formatHeader(h), 'gen.hea')).toEqual(h);
      }),
      { numRuns: 500 },
    );
  });
});

const VALID = [
  '# c\r\n100 2 360 650000 12:04:30 17/06/1975\r\n100.dat 212 200 11 1024 995 -22131 0 MLII\r\n100.dat 212:3 200 11 1024 1011 20052 0 V5\r\n# 69 M\r\n',
  'p/3 4 125/1000(5) 7500 16:57:09.000 26/10/2137\n3269321_layout 0\n~ 3750\n3269321_0001 3750\n',
  'a 3 250\na.mat 16x2+24 1.052e+04(-3)/mV 16 0 -171 -27403 0 II\na.mat 16+24 7247/NU\na.mat 16+24\n',
];

/** Parses `text`; any outcome other than a header or a WfdbError fails the property. */
function parseOrWfdbError(text: string): void {
  const started = performance.now();
  try {
    parseHeader(text, 'fuzz.hea');
  } catch (error) {
    expect(error).toBeInstanceOf(WfdbError);
    expect(['wfdb/header-syntax', 'wfdb/header-field']).toContain((error as WfdbError).code);
    expect((error as WfdbError).message.startsWith('fuzz.hea: ')).toBe(true);
  }
  expect(performance.now() - started).toBeLessThan(250);
}

const mutation = fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.nat(), fc.string({ minLength: 1, maxLength: 8 }));

describe('parseHeader', () => {
  it('returns a header or throws a WfdbError for random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), parseOrWfdbError), { numRuns: 1000 });
  });

  it('returns a header or throws a WfdbError for random lines of header-like tokens', () => {
    const token = fc.constantFrom('r', '2', '360', '212', '~', '200(1024)/mV', '16x4:3+24', '1e400', '-1', '0', '#', '/', '(', '99999999999999999999', '31/02/2020', '25:00');
    const line = fc.array(token, { maxLength: 9 }).map((t) => t.join(' '));
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), (lines) => parseOrWfdbError(lines.join('\n'))), { numRuns: 1000 });
  });

  it('returns a header or throws a WfdbError for mutated valid headers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, edits) => {
        let t = text;
        for (const [kind, at, s] of edits) {
          const i = at % (t.length + 1);
          if (kind === 'insert') t = t.slice(0, i) + s + t.slice(i);
          else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + s.length);
          else t = t.slice(0, i) + s + t.slice(i + s.length);
        }
        parseOrWfdbError(t);
      }),
      { numRuns: 2000 },
    );
  });
});
