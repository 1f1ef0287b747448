/**
 * A review's exports, from the review in memory (src/main/review `ReviewDocument`): the
 * rows of its shown beats with their editors, the WFDB annotation file and the beat
 * tables. Pure: the services (src/main/services/export.ts) find the review and write the
 * files.
 */
import type { AnnotationSymbols } from '../../shared/report';
import type { ReviewDocument } from '../review';
import { formatAnnotations } from '../wfdb';
import { lastEdits } from './beat-editors';
import { beatRows, type BeatRow } from './beat-rows';
import { formatBeatsCsv, formatBeatsJson } from './beat-table';
import { beatAnnotations } from './wfdb-annotations';

/** The review to export and the record it belongs to. */
export interface ExportSource {
  /** The record's name (`213`), for file names and the JSON table. */
  recordName: string;
  doc: ReviewDocument;
}

/** The review's shown beats (deleted ones left out, added ones in), in time order, with their editors. */
export function reviewRows(doc: ReviewDocument): BeatRow[] {
  const beats = doc.beatsInRange(0, Number.POSITIVE_INFINITY);
  return beatRows(beats, lastEdits(doc.history.audit, doc.history.undoStack));
}

/**
 * The bytes of the WFDB annotation file of the review (wfdb-annotations.ts). `file` names
 * the target in errors. @throws WfdbError 'wfdb/annotation' when a beat cannot be stored
 */
export function annotationFileBytes(source: ExportSource, symbols: AnnotationSymbols, file: string): Uint8Array {
  return formatAnnotations(beatAnnotations(reviewRows(source.doc), symbols, source.doc.frameRateHz), file);
}

/** The text of the beat table of the review as CSV or JSON (beat-table.ts). */
export function beatTableText(source: ExportSource, format: 'csv' | 'json', exportedAt: Date): string {
  const rows = reviewRows(source.doc);
  if (format === 'csv') return formatBeatsCsv(rows);
  const { doc } = source;
  return formatBeatsJson(rows, {
    record: source.recordName,
    frameRateHz: doc.frameRateHz,
    exportedAt: exportedAt.toISOString(),
    analysisComplete: doc.complete,
    model: doc.model,
  });
}
