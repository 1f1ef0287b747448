import { describe, expect, it } from 'vitest';
import { BEAT_TABLE_FORMAT, CSV_COLUMNS, csvField, formatBeatsCsv, formatBeatsJson, spreadsheetText, type BeatRow } from '../../../../src/main/export';
import { readCsv } from '../../../support/rfc4180';

function row(over: Partial<BeatRow> = {}): BeatRow {
  return {
    id: 7,
    sample: 1234,
    timeSec: 1234 / 360,
    clock: '00:00:03.428',
    label: 'V',
    predicted: 'N',
    confidence: 0.61234,
    reviewed: true,
    added: false,
    review: 'relabelled',
    editedBy: 'Dr Test',
    editedAt: '2025-01-01T00:00:01.000Z',
    ...over,
  };
}

describe('csvField', () => {
  it('leaves a field without comma, quote or line break as it is', () => {
    expect(csvField('Dr Zoë Test')).toBe('Dr Zoë Test');
    expect(csvField('')).toBe('');
  });

  it('quotes a field with a comma, a quote or a line break and doubles its quotes', () => {
    expect(csvField('Smith, J')).toBe('"Smith, J"');
    expect(csvField('J "Doc" Smith')).toBe('"J ""Doc"" Smith"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });
});

describe('spreadsheetText', () => {
  it('puts an apostrophe before text that a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+1', '-2', '@SUM(A1)']) expect(spreadsheetText(text)).toBe(`'${text}`);
  });

  it('leaves other text alone', () => {
    expect(spreadsheetText('Dr = Test')).toBe('Dr = Test');
  });
});

describe('formatBeatsCsv', () => {
  it('writes a header row and one CRLF-ended row per beat that an RFC 4180 reader reads back', () => {
    const rows = [
      row(),
      row({ id: 8, sample: 2000, timeSec: 2000 / 360, clock: '00:00:05.556', label: 'N', predicted: 'N', confidence: 0.99, reviewed: false, review: '', editedBy: null, editedAt: null }),
      row({ id: 9, label: 'S', predicted: null, confidence: null, added: true, review: 'added', editedBy: 'Smith, "J"\nMD' }),
    ];
    const text = formatBeatsCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = readCsv(text);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const field = (r: number, name: (typeof CSV_COLUMNS)[number]) => records[r]?.[CSV_COLUMNS.indexOf(name)];
    expect(field(1, 'sample')).toBe('1234');
    expect(field(1, 'time_s')).toBe('3.428');
    expect(field(1, 'time')).toBe('00:00:03.428');
    expect(field(1, 'class')).toBe('V');
    expect(field(1, 'model_class')).toBe('N');
    expect(field(1, 'confidence')).toBe('0.6123');
    expect(field(1, 'review')).toBe('relabelled');
    expect(field(1, 'edited_by')).toBe('Dr Test');
    expect(field(1, 'edited_at')).toBe('2025-01-01T00:00:01.000Z');
    expect(field(2, 'reviewed')).toBe('false');
    expect(field(2, 'edited_by')).toBe('');
    expect(field(3, 'model_class')).toBe('');
    expect(field(3, 'confidence')).toBe('');
    expect(field(3, 'added')).toBe('true');
    expect(field(3, 'edited_by')).toBe('Smith, "J"\nMD');
  });

  it('writes only the header for a review without beats', () => {
    expect(formatBeatsCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('guards a reviewer name that a spreadsheet would run', () => {
    const records = readCsv(formatBeatsCsv([row({ editedBy: '=HYPERLINK("x")' })]));
    expect(records[1]?.[CSV_COLUMNS.indexOf('edited_by')]).toBe('\'=HYPERLINK("x")');
  });
});

describe('formatBeatsJson', () => {
  const meta = { record: '213', frameRateHz: 360, exportedAt: '2025-01-02T00:00:00.000Z', analysisComplete: true, model: { name: 'm', version: '1', backend: 'cpu' } };

  it('writes valid JSON with the envelope and one object per beat, names kept exactly', () => {
    const rows = [row({ editedBy: '=Dr "X", MD' }), row({ id: 9, predicted: null, confidence: null, added: true, review: 'added' })];
    const text = formatBeatsJson(rows, meta);
    const table = JSON.parse(text) as Record<string, unknown> & { beats: Record<string, unknown>[] };
    expect(table).toMatchObject({ format: BEAT_TABLE_FORMAT, version: 1, ...meta, beatCount: 2 });
    expect(table.beats[0]).toEqual({
      id: 7,
      sample: 1234,
      timeSec: 3.427778,
      time: '00:00:03.428',
      class: 'V',
      modelClass: 'N',
      confidence: 0.61234,
      reviewed: true,
      added: false,
      review: 'relabelled',
      editedBy: '=Dr "X", MD',
      editedAt: '2025-01-01T00:00:01.000Z',
    });
    expect(table.beats[1]).toMatchObject({ modelClass: null, confidence: null, added: true, review: 'added' });
    // One beat per line.
    expect(text.split('\n').filter((l) => l.includes('"sample"'))).toHaveLength(2);
  });

  it('writes an empty beat list as []', () => {
    expect(JSON.parse(formatBeatsJson([], meta))).toMatchObject({ beatCount: 0, beats: [] });
  });
});
