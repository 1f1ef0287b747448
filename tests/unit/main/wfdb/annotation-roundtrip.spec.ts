import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../src/shared/errors';
import {
  ANNOTATION_SYMBOLS, formatAnnotations, parseAnnotations,
  type Annotation, type AnnotationLabel, type AnnotationSet,
} from '../../../../src/main/wfdb/annotation';

const FIXTURES = resolve(__dirname, '../../../fixtures/wfdb-annotations');
const REAL_FILES = ['03700181.gqrsh', '12726.anI', '1003.atr'].map((name) => new Uint8Array(readFileSync(join(FIXTURES, name))));

const latin1Text = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength });

const labelArb: fc.Arbitrary<AnnotationLabel> = fc.record({
  code: fc.integer({ min: 1, max: 49 }),
  symbol: fc.stringMatching(/^[!-~]{1,4}$/),
  description: fc.stringMatching(/^[ -~]{1,40}$/),
});

/** Random annotation sets that the writer accepts: any order, every field in range. */
const setArb: fc.Arbitrary<AnnotationSet> = fc
  .record({
    fs: fc.option(fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(0.5, 128.125, 999.9)), { nil: null }),
    customLabels: fc.option(fc.array(labelArb, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    rows: fc.array(
      fc.record({
        sample: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 2 ** 40 })),
        code: fc.oneof(fc.integer({ min: 1, max: 58 }), fc.integer({ min: 60, max: 63 })),
        subtype: fc.integer({ min: -128, max: 127 }),
        chan: fc.integer({ min: 0, max: 255 }),
        num: fc.integer({ min: -128, max: 127 }),
        aux: fc.option(latin1Text(255), { nil: null }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ fs, customLabels, rows }) => {
    const symbols = [...ANNOTATION_SYMBOLS];
    for (const label of customLabels ?? []) symbols[label.code] = label.symbol;
    const annotations: Annotation[] = rows
      .filter((row) => !(row.code === 22 && row.sample === 0))
      .map((row) => ({ ...row, symbol: symbols[row.code] ?? '' }));
    return customLabels === undefined ? { fs, annotations } : { fs, annotations, customLabels };
  });

/** Parses, accepting only success or a WfdbError 'wfdb/annotation' with an offset inside the file. */
function parseOrReject(bytes: Uint8Array): AnnotationSet | null {
  try {
    return parseAnnotations(bytes, 'fuzz.atr');
  } catch (error) {
    expect(error).toBeInstanceOf(WfdbError);
    const { code, detail } = error as WfdbError;
    expect(code).toBe('wfdb/annotation');
    expect(detail.file).toBe('fuzz.atr');
    expect(detail.offset).toBeGreaterThanOrEqual(0);
    expect(detail.offset).toBeLessThan(bytes.length);
    return null;
  }
}

/** Whatever parses must survive format → parse unchanged. */
function expectStableRewrite(set: AnnotationSet): void {
  expect(parseAnnotations(formatAnnotations(set), 'rewrite.atr')).toEqual(set);
}

/** One random edit of a real file: overwrite, insert or delete a few bytes, or cut it. */
interface Mutation {
  file: number;
  kind: 'overwrite' | 'insert' | 'delete' | 'truncate';
  at: number;
  bytes: Uint8Array;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  file: fc.integer({ min: 0, max: REAL_FILES.length - 1 }),
  kind: fc.constantFrom<Mutation['kind']>('overwrite', 'insert', 'delete', 'truncate'),
  at: fc.nat(),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
});

function mutate({ file, kind, at, bytes }: Mutation): Uint8Array {
  const source = REAL_FILES[file] ?? new Uint8Array(0);
  const i = at % (source.length + 1);
  const head = source.subarray(0, i);
  if (kind === 'truncate') return head.slice();
  const tail = source.subarray(kind === 'insert' ? i : Math.min(source.length, i + bytes.length));
  return new Uint8Array([...head, ...(kind === 'delete' ? [] : bytes), ...tail]);
}

describe('formatAnnotations and parseAnnotations', () => {
  it('read back any valid annotation set unchanged', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        expect(parseAnnotations(formatAnnotations(set), 'rt.atr')).toEqual(set);
      }),
      { numRuns: 300 },
    );
  });

  it('end every random byte string with a set or a located WfdbError, and rewrite what they read', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const set = parseOrReject(bytes);
        if (set !== null) expectStableRewrite(set);
      }),
      { numRuns: 1000 },
    );
  });

  it('do the same for mutated real annotation files', () => {
    fc.assert(
      fc.property(mutationArb, (mutation) => {
        const set = parseOrReject(mutate(mutation));
        if (set !== null) expectStableRewrite(set);
      }),
      { numRuns: 500 },
    );
  });
});
