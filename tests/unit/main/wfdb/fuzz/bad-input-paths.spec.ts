/**
 * The WFDB library's bad-input paths that no other test reached (found by listing the throw
 * sites of src/main/wfdb and the tests that make each one throw): each gives a WfdbError
 * naming the file and the problem.
 */
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../../src/shared/errors';
import { formatHeader, HEADER_LIMITS, parseAnnotations, parseHeader } from '../../../../../src/main/wfdb';
import { boundedInteger } from '../../../../../src/main/wfdb/header-fields';
import { checkWindow, MAX_READ_SAMPLES } from '../../../../../src/main/wfdb/record-window';
import type { RecordSignal } from '../../../../../src/main/wfdb';

const FILE = 'rec.hea';
const HEADER = 'rec 2 360 650000\nrec.dat 212 200 11 1024 995 -22131 0 MLII\nrec.dat 212 200 11 1024 1011 20052 0 V5\n';

function wfdbError(run: () => unknown): WfdbError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WfdbError);
    return error as WfdbError;
  }
  throw new Error('expected a WfdbError, nothing was thrown');
}

describe('parseHeader', () => {
  it('refuses a line after the announced signal lines, naming its line', () => {
    const error = wfdbError(() => parseHeader(`${HEADER}rec.dat 212 200 11 1024 0 0 0 extra\n`, FILE));
    expect(error.message).toMatch(/^rec\.hea.*line 4.*line after the 2 signal lines the record line announces/);
  });

  it('refuses a number out of its range', () => {
    expect(wfdbError(() => parseHeader('rec 1 360 650000\nrec.dat 212 200 99 1024 0 0 0 x\n', FILE)).message).toMatch(/^rec\.hea.*must be between/);
  });

  it('refuses a text longer than a header may be, before splitting it', () => {
    const error = wfdbError(() => parseHeader('#'.repeat(HEADER_LIMITS.maxTextLength + 1), FILE));
    expect(error.code).toBe('wfdb/header-field');
    expect(error.message).toBe(`rec.hea: header is ${HEADER_LIMITS.maxTextLength + 1} characters long, more than ${HEADER_LIMITS.maxTextLength}`);
  });

  it('refuses a record line of more than 6 fields, a record line without a signal count, and lines without a format or a segment length', () => {
    const cases: [string, RegExp][] = [
      ['rec 1 360 10 10:00:00 01/01/2000 extra\nrec.dat 16\n', /^rec\.hea: line 1, record line: more than 6 fields \(found "extra"\)/],
      ['rec\n', /^rec\.hea: line 1, number of signals: missing/],
      ['rec 1 360 10\n# a comment\nrec.dat\n', /^rec\.hea: line 3, format: missing/],
      ['rec/2 1 360 10\ns1 5\ns2\n', /^rec\.hea: line 3, segment line: expected SEG_NAME SEG_LEN \(found "s2"\)/],
    ];
    for (const [text, problem] of cases) {
      const error = wfdbError(() => parseHeader(text, FILE));
      expect(error.code).toBe('wfdb/header-syntax');
      expect(error.message).toMatch(problem);
    }
  });
});

describe('formatHeader', () => {
  const header = () => parseHeader(HEADER, FILE);

  it('refuses a base counter without a counter frequency', () => {
    const h = header();
    h.record.baseCounter = 5;
    expect(wfdbError(() => formatHeader(h)).message).toMatch(/base counter.*needs a counter frequency/);
  });

  it('refuses a later record field without the ones before it', () => {
    const h = header();
    h.record.sigLen = null;
    h.record.baseTime = '10:00:00';
    expect(wfdbError(() => formatHeader(h)).message).toMatch(/number of samples.*is absent but base time is present/);
  });

  it('refuses info strings that are not the last comments', () => {
    const h = header();
    h.comments = ['a'];
    h.info = ['b'];
    const error = wfdbError(() => formatHeader(h));
    expect(error.code).toBe('wfdb/header-field');
    expect(error.message).toBe('header: cannot write info strings: must be the last comments');
  });

  it('refuses a description with leading or trailing spaces and a comment with a line break', () => {
    const h = header();
    h.signals[1]!.description = 'V5 ';
    expect(wfdbError(() => formatHeader(h)).message).toBe('header: cannot write description: has leading or trailing spaces');
    const g = header();
    g.comments = ['age 63\nsex M'];
    expect(wfdbError(() => formatHeader(g)).message).toBe('header: cannot write comment: contains a line break');
  });

  it('refuses a number that is not finite and a name with spaces', () => {
    const h = header();
    h.record.fs = Number.NaN;
    expect(wfdbError(() => formatHeader(h)).message).toMatch(/sampling frequency.*is not a finite number \(NaN\)/);
    const g = header();
    g.record.recordName = 'my rec';
    expect(wfdbError(() => formatHeader(g)).message).toMatch(/record name.*must be one word without spaces/);
  });
});

describe('boundedInteger', () => {
  it('refuses a number within bounds that is not an integer, naming file, line and field', () => {
    // parseHeader's grammar lets only digits reach it; a caller with other text gets this.
    const error = wfdbError(() => boundedInteger({ file: FILE, line: 2 }, 'skew', '2.5', 0, 10));
    expect(error.code).toBe('wfdb/header-field');
    expect(error.message).toBe('rec.hea: line 2, skew: must be an integer (found 2.5)');
  });
});

describe('parseAnnotations', () => {
  it('refuses a SKIP whose interval runs past the end of the file, naming the byte', () => {
    // One word: code 59 (SKIP) in the top 6 bits, then only one of its two interval words.
    const bytes = new Uint8Array(new Uint16Array([59 << 10, 0]).buffer);
    const error = wfdbError(() => parseAnnotations(bytes, 'rec.atr'));
    expect(error.message).toMatch(/^rec\.atr.*SKIP runs past the end of the file/);
  });
});

describe('checkWindow', () => {
  const signals = [{ index: 0, samplesPerFrame: 1 }, { index: 1, samplesPerFrame: 2 }] as unknown as RecordSignal[];

  it('refuses frames outside the record, a signal it does not have, and a read too large for one call', () => {
    expect(wfdbError(() => checkWindow(FILE, 100, signals, 50, 101)).message).toMatch(/frames \[50, 101\) are not within the record's 100 frames/);
    expect(wfdbError(() => checkWindow(FILE, 100, signals, -1, 10)).code).toBe('wfdb/range');
    expect(wfdbError(() => checkWindow(FILE, 100, signals, 0, 10, [2])).message).toMatch(/there is no signal 2; the record has 2/);
    const big = MAX_READ_SAMPLES;
    expect(wfdbError(() => checkWindow(FILE, big, signals, 0, big)).message).toMatch(/more than 268435456 in one read; read it in pieces/);
  });
});
