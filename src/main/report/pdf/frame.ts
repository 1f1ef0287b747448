/**
 * What every page carries: a header (the report's name, the record and patient, and a red
 * "DRAFT - NOT SIGNED" mark while the report is unsigned), a footer (the record name, when
 * and by what the report was made, "page X of Y"), and on an unsigned report a faint
 * diagonal "DRAFT" across the page, so that no page of it can pass for a signed one.
 */
import { pageLabel } from '../layout';
import type { ReportData } from '../report-data';
import { formatDateTime, pdfText } from '../text';
import { COLORS, SIZES, type ReportWriter } from './writer';

/** The mark an unsigned report carries on every page. */
export const DRAFT_MARK = 'DRAFT - NOT SIGNED';

function patientLine(data: ReportData): string {
  const { patientName, patientId } = data.fields;
  const who = [patientName.trim(), patientId.trim() ? `ID ${patientId.trim()}` : ''].filter(Boolean).join(', ');
  return who ? `Record ${data.recordName} - ${who}` : `Record ${data.recordName}`;
}

function header(w: ReportWriter, data: ReportData): void {
  const { doc } = w;
  const { marginPt, contentWidthPt } = w.box;
  const top = marginPt;
  const titleWidth = 170;
  w.style(SIZES.body, { bold: true, color: COLORS.accent });
  w.textAt('RhythmAttention ECG review report', marginPt, top + 4, titleWidth);
  const draft = !data.signOff.signed;
  const draftWidth = draft ? 118 : 0;
  w.style(SIZES.body, { bold: true });
  const patientWidth = contentWidthPt - titleWidth - draftWidth - 8;
  w.doc.text(pdfText(patientLine(data)), marginPt + titleWidth, top + 4, { width: patientWidth, align: 'right', lineBreak: false, ellipsis: true, height: 12 });
  if (draft) {
    const x = marginPt + contentWidthPt - draftWidth;
    doc.rect(x, top, draftWidth, 16).fill(COLORS.alarm);
    w.style(SIZES.body, { bold: true, color: '#ffffff' });
    w.textAt(DRAFT_MARK, x, top + 4, draftWidth, 'center');
  }
  doc.moveTo(marginPt, top + 19).lineTo(marginPt + contentWidthPt, top + 19).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
}

function footer(w: ReportWriter, data: ReportData, index: number, count: number): void {
  const { doc } = w;
  const { marginPt, contentWidthPt, heightPt } = w.box;
  const y = heightPt - marginPt - 12;
  doc.moveTo(marginPt, y - 5).lineTo(marginPt + contentWidthPt, y - 5).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  w.style(SIZES.small, { color: COLORS.muted });
  const made = `Record ${data.recordName} - generated ${formatDateTime(data.generatedAt)} by RhythmAttention ${data.appVersion}`;
  w.textAt(made, marginPt, y, contentWidthPt * 0.75);
  w.style(SIZES.small, { bold: true });
  w.textAt(pageLabel(index, count), marginPt + contentWidthPt * 0.75, y, contentWidthPt * 0.25, 'right');
}

function watermark(w: ReportWriter): void {
  const { doc } = w;
  const { widthPt, heightPt } = w.box;
  doc.save();
  doc.rotate(-30, { origin: [widthPt / 2, heightPt / 2] });
  doc.font('Helvetica-Bold').fontSize(120).fillColor(COLORS.alarm).fillOpacity(0.07);
  doc.text('DRAFT', 0, heightPt / 2 - 60, { width: widthPt, align: 'center', lineBreak: false });
  doc.restore();
}

/** Draws the header, footer and (unsigned) watermark of page `index` of `count`. */
export function decoratePage(w: ReportWriter, data: ReportData, index: number, count: number): void {
  if (!data.signOff.signed) watermark(w);
  header(w, data);
  footer(w, data, index, count);
}
