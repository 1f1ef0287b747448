/**
 * The `export:*` handlers: a reviewed recording's beats as a WFDB annotation file
 * (`<record>.<annotator>`) or a CSV / JSON beat table (`<record>-beats.csv|json`), built by
 * src/main/export from the review in memory, written atomically to `<dataDir>/exports/`
 * (a file of the same name is replaced) and returned with their bytes for a browser
 * download. Only a review whose analysis ran to the end is exported: a part of a record
 * would read as the whole of it.
 */
import type { CallHandlers } from '../../shared/api';
import { annotationFileBytes, beatTableText, type ExportSource } from '../export';
import { requireCompleteReview, safeFileStem, writeExport } from './export-files';
import type { ReviewService } from './review';

/** The handlers this module provides. */
export type ExportHandlers = Pick<CallHandlers, 'export:annotations' | 'export:beats'>;

/** What the export handlers are built from. */
export interface ExportServiceOptions {
  dataDir: string;
  /** The reviews (src/main/services/review.ts). */
  review: Pick<ReviewService, 'started'>;
  /** The clock of the JSON table's `exportedAt` (tests fix it). */
  now?: () => Date;
}

/** The review of `recordingId` when its analysis is complete (see requireCompleteReview). */
async function completeReview(review: ExportServiceOptions['review'], recordingId: string): Promise<ExportSource> {
  const { entry, session } = await review.started(recordingId);
  requireCompleteReview(entry, session, 'export');
  return { recordName: entry.info.recordName, doc: session.doc };
}

/** Builds the export handlers. */
export function createExportHandlers(options: ExportServiceOptions): ExportHandlers {
  const now = options.now ?? (() => new Date());
  return {
    'export:annotations': async ({ recordingId, annotator, symbols }) => {
      const source = await completeReview(options.review, recordingId);
      const fileName = `${safeFileStem(source.recordName)}.${annotator}`;
      const bytes = annotationFileBytes(source, symbols, fileName);
      return writeExport(options.dataDir, fileName, 'application/octet-stream', bytes);
    },
    'export:beats': async ({ recordingId, format }) => {
      const source = await completeReview(options.review, recordingId);
      const fileName = `${safeFileStem(source.recordName)}-beats.${format}`;
      const text = beatTableText(source, format, now());
      const mimeType = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json';
      return writeExport(options.dataDir, fileName, mimeType, new TextEncoder().encode(text));
    },
  };
}
