/**
 * The report folder's public surface: the PDF report of a reviewed recording, built from
 * plain data (report-data.ts) with pdfkit, its charts and strips drawn by the app's ECharts
 * option builders on the server side. No Electron and no file system here: the services
 * (src/main/services/report.ts) gather the data and write the file.
 */
export { summariseAudit, type AuditSummary, type ReviewerEdits } from './audit';
export {
  chooseCandidates,
  eventRank,
  rankEvents,
  stripWindow,
  MAX_DEFAULT_SELECTED,
  MAX_EVENT_CANDIDATES,
  MAX_FLAGGED_CANDIDATES,
  STRIP_SEC,
  type CandidateSource,
  type CandidateStrip,
  type FocusBeat,
} from './candidates';
export { prefillFields, normaliseSex, recordedAt, type HeaderFacts } from './fields';
export { packStrips, pageBox, pageLabel, paginateRows, A4, PT_PER_MM, PT_PER_PX, type PageBox } from './layout';
export { buildReportPdf } from './pdf/build';
export { DRAFT_MARK } from './pdf/frame';
export { buildReportStrip, laneScaleFor, stripWidthPx, MAX_LANE_MM, MIN_LANE_MM, REPORT_SCALE } from './strip-chart';
export { renderChartSvg } from './echarts-ssr';
export { fileStamp, pdfText } from './text';
export type { ReportData, ReportModel, ReportStrip, ReviewFacts, StripSignal } from './report-data';
