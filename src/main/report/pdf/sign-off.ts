/**
 * The reviewer's part: the conclusion and sign-off (name, date, a line to sign on), and how
 * the beats were classified and reviewed (the model and backend, what the reviewer
 * changed, by whom, from the audit trail).
 */
import type { ReportData } from '../report-data';
import { formatCount, formatDateTime, plural } from '../text';
import { COLORS, SIZES, type ReportWriter } from './writer';

/** The conclusion, then who signed and when, with a signature line. */
export function drawSignOff(w: ReportWriter, data: ReportData): void {
  const { signOff } = data;
  const { marginPt, contentWidthPt } = w.box;
  const conclusion = signOff.conclusion.trim() || 'No conclusion written.';
  w.style(SIZES.body + 1);
  const textHeight = w.heightOf(conclusion, contentWidthPt);
  w.heading('Conclusion and sign-off', Math.min(textHeight, 200) + 70);
  w.style(SIZES.body + 1, { color: signOff.conclusion.trim() ? COLORS.ink : COLORS.muted });
  w.ensure(textHeight + 70);
  w.y += w.textAt(conclusion, marginPt, w.y, contentWidthPt) + 14;
  const third = contentWidthPt / 3;
  const labels: [string, string][] = [
    ['Reviewer', signOff.reviewer],
    ['Date', signOff.signed ? formatDateTime(data.generatedAt) : 'not signed'],
    ['Signature', ''],
  ];
  labels.forEach(([label, value], i) => {
    const x = marginPt + i * third;
    w.style(SIZES.body + 1, { bold: true, color: i === 1 && !signOff.signed ? COLORS.alarm : COLORS.ink });
    w.textAt(value, x, w.y + 10, third - 16);
    w.doc.moveTo(x, w.y + 24).lineTo(x + third - 16, w.y + 24).lineWidth(0.6).strokeColor(COLORS.ink).stroke();
    w.style(SIZES.small, { color: COLORS.muted });
    w.textAt(label, x, w.y + 27, third - 16);
  });
  w.y += 40;
  w.style(SIZES.small, { color: signOff.signed ? COLORS.muted : COLORS.alarm, bold: !signOff.signed });
  const note = signOff.signed
    ? `Signed off in RhythmAttention by ${signOff.reviewer} on ${formatDateTime(data.generatedAt)}.`
    : 'DRAFT: this report has not been signed off by the reviewer and is not a clinical report.';
  w.y += w.textAt(note, marginPt, w.y, contentWidthPt) + 4;
}

/** The model, the backend, and the review in numbers (audit summary). */
export function drawAnalysis(w: ReportWriter, data: ReportData): void {
  w.heading('Analysis and review', 80);
  const { model, review, summary } = data;
  const { audit } = review;
  const lines: [string, string][] = [
    ['Model', model ? `${model.name}, version ${model.version}` : 'unknown'],
    ['Backend', model ? model.backend : 'unknown'],
    ['Beats reviewed', `${formatCount(review.reviewedBeats)} of ${formatCount(summary.total)} (${plural(review.addedBeats, 'beat')} added by the reviewer)`],
    ['Flagged, not reviewed', `${plural(review.unreviewedFlagged, 'beat')} (not N, or the model was less than 80 % sure)`],
    ['Edits', audit.edits === 0 ? 'none' : `${plural(audit.edits, 'edit')}, ${plural(audit.undos, 'undo', 'undos')}, ${plural(audit.redos, 'redo', 'redos')}`],
    ...audit.byReviewer.map((r): [string, string] => [`  by ${r.reviewer}`, `${plural(r.edits, 'edit')} touching ${plural(r.beats, 'beat')}`]),
  ];
  if (audit.firstAt && audit.lastAt) lines.push(['Edited', `${formatDateTime(new Date(audit.firstAt))} to ${formatDateTime(new Date(audit.lastAt))}`]);
  const { marginPt, contentWidthPt } = w.box;
  for (const [label, value] of lines) {
    w.ensure(14);
    w.style(SIZES.body, { color: COLORS.muted });
    w.textAt(label, marginPt, w.y, 120);
    w.style(SIZES.body);
    w.y += Math.max(13, w.textAt(value, marginPt + 124, w.y, contentWidthPt - 124) + 3);
  }
  w.style(SIZES.small, { color: COLORS.muted });
  w.y += w.textAt('Beat classes follow AAMI EC57. The model classifies each beat; edits by the reviewer replace its label and are kept in the audit trail.', marginPt, w.y + 2, contentWidthPt) + 6;
}
