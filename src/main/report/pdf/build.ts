/**
 * The report as PDF bytes, from its data alone. Page 1 (portrait): the patient and
 * recording, heart rate, beats by class, runs and pauses, the conclusion and sign-off;
 * then the heart-rate trend and tachogram, the model and the review's audit summary, the
 * list of rhythm events; then the strips on landscape pages. Every page has the header
 * and footer of frame.ts ("page X of Y", the record name, DRAFT while unsigned).
 */
import type { ReportData } from '../report-data';
import { decoratePage } from './frame';
import { drawCharts } from './charts';
import { drawEventTable } from './events-table';
import { drawAnalysis, drawSignOff } from './sign-off';
import { drawStrips, planStrips } from './strips';
import { drawCounts, drawEventSummary, drawHeartRate, drawPatient, drawTitle } from './summary';
import { ReportWriter } from './writer';

/** Lets other work run between the report's heavier parts. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Builds the PDF of `data`; resolves to its bytes. The strips are planned first, so that
 * the number of pages is known once the portrait pages are drawn: from then on each page
 * is framed and written out as soon as it is finished.
 */
export async function buildReportPdf(data: ReportData): Promise<Buffer> {
  const w = new ReportWriter({
    title: `ECG review report, record ${data.recordName}`,
    author: data.signOff.reviewer,
    subject: data.signOff.signed ? 'Signed ECG review report' : 'DRAFT ECG review report (not signed)',
    creationDate: data.generatedAt,
  });
  const plan = planStrips(data);
  w.newPage('portrait');
  drawTitle(w, data);
  drawPatient(w, data);
  drawHeartRate(w, data);
  drawCounts(w, data);
  drawEventSummary(w, data);
  drawSignOff(w, data);
  await drawCharts(w, data, yieldToLoop);
  drawAnalysis(w, data);
  drawEventTable(w, data);
  const pageCount = w.pageCount + plan.pages.length;
  const flush = (): void => w.flushPages((index, count) => decoratePage(w, data, index, count), pageCount);
  flush();
  await yieldToLoop();
  await drawStrips(w, data, plan, flush);
  return w.end();
}
