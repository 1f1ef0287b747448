/**
 * The heart-rate trend and the RR tachogram across the page, drawn by the app's own option
 * builders (src/shared/charts/summary.ts, tachogram.ts) through ECharts' server-side SVG.
 */
import type { ScatterSeriesOption } from 'echarts/charts';
import { buildTrendOption, type SummaryFrame } from '../../../shared/charts/summary';
import { buildTachogramOption } from '../../../shared/charts/tachogram';
import type { EcOption } from '../../../shared/charts/types';
import { renderChartSvg } from '../echarts-ssr';
import { PT_PER_PX } from '../layout';
import type { ReportData } from '../report-data';
import { COLORS, SIZES, type ReportWriter } from './writer';

/** Height of each chart, CSS px. */
const CHART_PX = 150;

/**
 * The tachogram's dots as one path each series (ECharts' large mode) of tiny squares: the
 * same picture at 2 px, but a few hundred ms less to draw into the PDF than a thousand
 * separate round symbols. (Large mode fails on an empty series, so those are left alone.)
 */
export function largeDots(option: EcOption): EcOption {
  const series = (Array.isArray(option.series) ? option.series : []).map((s) => {
    const data = (s as ScatterSeriesOption).data as ArrayLike<unknown> | undefined;
    return s.type === 'scatter' && data && data.length > 0 ? { ...s, large: true, largeThreshold: 0, symbol: 'rect' } : s;
  });
  return { ...option, series };
}

async function drawChart(w: ReportWriter, title: string, note: string, option: (frame: SummaryFrame) => EcOption, pause: () => Promise<void>): Promise<void> {
  const widthPx = w.box.contentWidthPt / PT_PER_PX;
  const frame: SummaryFrame = { widthPx, heightPx: CHART_PX, durationSec: 0 };
  w.heading(title, CHART_PX * PT_PER_PX + 14);
  const { marginPt, contentWidthPt } = w.box;
  w.style(SIZES.small, { color: COLORS.muted });
  w.y += w.textAt(note, marginPt, w.y, contentWidthPt) + 2;
  const svg = renderChartSvg(option(frame), widthPx, CHART_PX);
  await pause();
  w.svg(svg, marginPt, w.y, widthPx, CHART_PX);
  w.y += CHART_PX * PT_PER_PX + 4;
  await pause();
}

/** The trend (bpm per minute, minimum in green and maximum in red) and the tachogram; `pause` lets the event loop run between the slow steps. */
export async function drawCharts(w: ReportWriter, data: ReportData, pause: () => Promise<void>): Promise<void> {
  const durationSec = Math.max(data.summary.analysedSec, 1);
  await drawChart(w, 'Heart-rate trend', 'Beats per minute, mean of each minute; green dot: minimum, red dot: maximum. Time from the start of the recording.', (frame) => buildTrendOption(data.summary, { ...frame, durationSec }), pause);
  await drawChart(w, 'RR tachogram', 'RR interval before each beat, ms; the shortest and longest of each pixel column are kept; pauses of 2 s or longer in red.', (frame) => largeDots(buildTachogramOption(data.summary.tachogram, { ...frame, durationSec })), pause);
}
