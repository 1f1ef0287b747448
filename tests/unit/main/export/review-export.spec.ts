import { describe, expect, it } from 'vitest';
import { annotationFileBytes, beatTableText, CSV_COLUMNS, reviewRows, type ExportSource } from '../../../../src/main/export';
import { parseAnnotations } from '../../../../src/main/wfdb';
import { readCsv } from '../../../support/rfc4180';
import { actorAt, docOf, FS, shownBeats } from '../review/build';

/** A review of 8 beats with a relabel, a delete and an added beat, by two reviewers. */
function edited(): ExportSource {
  const doc = docOf('NNVNNSNN');
  const ids = shownBeats(doc).map((b) => b.id);
  doc.edit({ kind: 'relabel', beatIds: [ids[0] as number], label: 'V' }, actorAt(1, 'Ann'));
  doc.edit({ kind: 'delete', beatIds: [ids[3] as number] }, actorAt(2, 'Ann'));
  doc.edit({ kind: 'add', sample: Math.round(6.5 * FS), label: 'F' }, actorAt(3, 'Bob, MD'));
  doc.model = { name: 'test-model', version: '2', backend: 'cpu' };
  return { recordName: '999', doc };
}

describe('reviewRows', () => {
  it('has one row per shown beat of the review', () => {
    const source = edited();
    expect(reviewRows(source.doc).map((r) => r.id)).toEqual(shownBeats(source.doc).map((b) => b.id));
  });
});

describe('annotationFileBytes', () => {
  it('writes the shown beats, read back with the WFDB reader: same count, samples and symbols', () => {
    const source = edited();
    const beats = shownBeats(source.doc);
    for (const symbols of ['mit', 'aami'] as const) {
      const set = parseAnnotations(annotationFileBytes(source, symbols, '999.rev'), '999.rev');
      expect(set.annotations).toHaveLength(8);
      expect(set.annotations.map((a) => a.sample)).toEqual(beats.map((b) => b.sample));
      const expected = beats.map((b) => (b.label === 'S' && symbols === 'mit' ? 'A' : b.label));
      expect(set.annotations.map((a) => a.symbol)).toEqual(expected);
    }
    const set = parseAnnotations(annotationFileBytes(source, 'mit', '999.rev'), '999.rev');
    // The relabelled first beat and the added beat carry the reviewer's marks.
    expect(set.annotations[0]).toMatchObject({ symbol: 'V', subtype: 2 });
    const addedAt = set.annotations.findIndex((a) => a.sample === Math.round(6.5 * FS));
    expect(set.annotations[addedAt]).toMatchObject({ symbol: 'F', subtype: 3 });
    expect(set.annotations.filter((a) => a.subtype !== 0)).toHaveLength(2);
  });
});

describe('beatTableText', () => {
  it('writes a CSV table with the editors of the relabelled and added beats', () => {
    const source = edited();
    const records = readCsv(beatTableText(source, 'csv', new Date(0)));
    expect(records).toHaveLength(1 + 8);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const edits = records.slice(1).filter((r) => r[col('edited_by')] !== '');
    expect(edits.map((r) => [r[col('class')], r[col('review')], r[col('edited_by')]])).toEqual([
      ['V', 'relabelled', 'Ann'],
      ['F', 'added', 'Bob, MD'],
    ]);
  });

  it('writes a JSON table with the record, the model and the export time', () => {
    const source = edited();
    const table = JSON.parse(beatTableText(source, 'json', new Date(Date.UTC(2025, 5, 1)))) as { beats: unknown[] };
    expect(table).toMatchObject({ record: '999', frameRateHz: FS, exportedAt: '2025-06-01T00:00:00.000Z', analysisComplete: true, model: { name: 'test-model' }, beatCount: 8 });
    expect(table.beats).toHaveLength(8);
  });
});
