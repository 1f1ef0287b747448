/**
 * The export folder's public surface: a review's beats as a WFDB annotation file and as
 * CSV / JSON beat tables, with what the reviewer did to each beat and who did it. Pure (no
 * file system, no Electron); src/main/services/export.ts writes the files.
 */
export { lastEdits, type BeatEdit, type UndoEntryIds } from './beat-editors';
export { beatReview, beatRows, type BeatReview, type BeatRow } from './beat-rows';
export {
  BEAT_TABLE_FORMAT,
  BEAT_TABLE_VERSION,
  CSV_COLUMNS,
  csvField,
  formatBeatsCsv,
  formatBeatsJson,
  spreadsheetText,
  type BeatTableMeta,
  type JsonBeat,
} from './beat-table';
export { beatAnnotation, beatAnnotations, EXPORT_SYMBOLS, REVIEW_SUBTYPE } from './wfdb-annotations';
export { annotationFileBytes, beatTableText, reviewRows, type ExportSource } from './review-export';
