import { describe, expect, it } from 'vitest';
import { BEAT_LABELS } from '../../../../src/shared/review';
import { beatAnnotation, beatAnnotations, EXPORT_SYMBOLS, REVIEW_SUBTYPE, type BeatRow } from '../../../../src/main/export';
import { ANNOTATION_DESCRIPTIONS, codeForSymbol, formatAnnotations, isBeatCode, parseAnnotations } from '../../../../src/main/wfdb';

function row(over: Partial<BeatRow> = {}): BeatRow {
  return { id: 1, sample: 360, timeSec: 1, clock: '00:00:01.000', label: 'N', predicted: 'N', confidence: 0.9, reviewed: false, added: false, review: '', editedBy: null, editedAt: null, ...over };
}

describe('EXPORT_SYMBOLS', () => {
  it('maps every AAMI class to a WFDB beat code in both symbol sets', () => {
    for (const symbols of ['mit', 'aami'] as const) {
      for (const label of BEAT_LABELS) {
        const code = codeForSymbol(EXPORT_SYMBOLS[symbols][label]);
        expect(code, `${symbols} ${label}`).not.toBeNull();
        expect(isBeatCode(code as number)).toBe(true);
      }
    }
  });

  it('writes the usual MIT code of each class for mit, and the class letter for aami', () => {
    const description = (symbols: 'mit' | 'aami', label: (typeof BEAT_LABELS)[number]) => ANNOTATION_DESCRIPTIONS[codeForSymbol(EXPORT_SYMBOLS[symbols][label]) as number];
    expect(description('mit', 'N')).toBe('Normal beat');
    expect(description('mit', 'S')).toBe('Atrial premature beat');
    expect(description('mit', 'V')).toBe('Premature ventricular contraction');
    expect(description('mit', 'F')).toBe('Fusion of ventricular and normal beat');
    expect(description('mit', 'Q')).toBe('Unclassifiable beat');
    expect(BEAT_LABELS.map((l) => EXPORT_SYMBOLS.aami[l])).toEqual([...BEAT_LABELS]);
    expect(description('aami', 'S')).toBe('Supraventricular premature or ectopic beat');
  });
});

describe('beatAnnotation', () => {
  it('marks what the reviewer did in subtyp and nothing else', () => {
    const cases = [
      [row(), 0],
      [row({ reviewed: true, review: 'confirmed' }), 1],
      [row({ label: 'V', reviewed: true, review: 'relabelled' }), 2],
      [row({ label: 'S', predicted: null, confidence: null, reviewed: true, added: true, review: 'added' }), 3],
    ] as const;
    for (const [r, subtype] of cases) {
      expect(beatAnnotation(r, 'mit')).toMatchObject({ sample: 360, subtype, chan: 0, num: 0, aux: null });
    }
    expect(new Set(Object.values(REVIEW_SUBTYPE)).size).toBe(4);
  });

  it('writes S as A with mit symbols and as S with aami symbols', () => {
    expect(beatAnnotation(row({ label: 'S' }), 'mit')).toMatchObject({ symbol: 'A', code: 8 });
    expect(beatAnnotation(row({ label: 'S' }), 'aami')).toMatchObject({ symbol: 'S', code: 9 });
  });
});

describe('beatAnnotations', () => {
  it('gives a file that the WFDB reader reads back with the same samples, symbols and subtypes', () => {
    const rows = [
      row({ sample: 10 }),
      row({ sample: 400, label: 'V', reviewed: true, review: 'relabelled' }),
      row({ sample: 900, label: 'S', predicted: null, added: true, reviewed: true, review: 'added' }),
      // Over 1,023 samples from the previous beat: a SKIP in the file.
      row({ sample: 5000, label: 'F', reviewed: true, review: 'confirmed', predicted: 'F' }),
      row({ sample: 5001, label: 'Q' }),
    ];
    const set = parseAnnotations(formatAnnotations(beatAnnotations(rows, 'mit', 360)), 'x.rev');
    expect(set.fs).toBe(360);
    expect(set.annotations.map((a) => a.sample)).toEqual([10, 400, 900, 5000, 5001]);
    expect(set.annotations.map((a) => a.symbol)).toEqual(['N', 'V', 'A', 'F', 'Q']);
    expect(set.annotations.map((a) => a.subtype)).toEqual([0, 2, 3, 1, 0]);
  });

  it('leaves out a time resolution that cannot be written', () => {
    expect(beatAnnotations([row()], 'aami', 1e-9).fs).toBeNull();
    expect(beatAnnotations([row()], 'aami', 250).fs).toBe(250);
  });
});
