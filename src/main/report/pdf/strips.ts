/**
 * The sample strips on landscape pages: as many per page as fit (two when the traces are
 * small, one when they need tall lanes), each with a caption (its number, what it shows,
 * its time span) above the app's strip drawn at true paper scale. The first strip page
 * carries a legend of the beat marks (and of the heatmap, when the strips have one). The event loop gets a turn between strips, so that a
 * long report does not freeze the app while it is made.
 */
import { BEAT_CLASS_COLORS } from '../../../shared/charts/beats';
import { SELECTION_COLOR } from '../../../shared/charts/strip-beats';
import { HEAT_COLOR, HEAT_MAX_OPACITY } from '../../../shared/charts/strip-heatmap';
import { formatClock, formatWallClock } from '../../../shared/charts/time';
import { BEAT_LABELS, type HeatmapMethod } from '../../../shared/review';
import { renderChartSvg } from '../echarts-ssr';
import { packStrips, pageBox, PT_PER_PX } from '../layout';
import type { ReportData, ReportStrip } from '../report-data';
import { buildReportStrip } from '../strip-chart';
import { COLORS, SIZES, type ReportWriter } from './writer';

const CAPTION_PT = 13;
const GAP_PT = 8;
const LEGEND_PT = 30;

/** Lets other work run (IPC, timers) between two strips. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function caption(strip: ReportStrip, index: number, count: number, baseTimeSec: number | null): { left: string; right: string } {
  const { startSec, durationSec, description } = strip.candidate;
  const end = startSec + durationSec;
  const wall = baseTimeSec === null ? '' : ` (${formatWallClock(baseTimeSec, startSec)} to ${formatWallClock(baseTimeSec, end)})`;
  return { left: `Strip ${index + 1} of ${count}: ${description}`, right: `${formatClock(startSec)} to ${formatClock(end)}${wall}` };
}

function legendItem(w: ReportWriter, x: number, y: number, draw: (x: number, y: number) => number, text: string): number {
  const textX = draw(x, y) + 4;
  w.style(SIZES.small, { color: COLORS.muted });
  w.doc.text(text, textX, y + 1, { lineBreak: false });
  return textX + w.doc.widthOfString(text) + 14;
}

/** What the heatmap's colour means, as a swatch of its opacity levels, low to high. */
function heatLegend(w: ReportWriter, x: number, y: number, method: HeatmapMethod): number {
  const { doc } = w;
  return legendItem(w, x, y, (lx, ly) => {
    for (let level = 1; level <= 4; level++) {
      doc.rect(lx + (level - 1) * 5, ly - 1, 5, 10).fillOpacity((level / 4) * HEAT_MAX_OPACITY).fill(HEAT_COLOR);
    }
    doc.fillOpacity(1);
    return lx + 20;
  }, `${method === 'grad-cam' ? 'Grad-CAM' : 'attention'}: where the model looked, low to high`);
}

/** How beats are marked, drawn with the same shapes and colours as on the strips. */
function drawLegend(w: ReportWriter, heatmap: HeatmapMethod | undefined): void {
  const { doc } = w;
  const y = w.y;
  let x = w.box.marginPt;
  w.style(SIZES.small, { bold: true, color: COLORS.muted });
  doc.text('Classes:', x, y + 1, { lineBreak: false });
  x += 40;
  for (const label of BEAT_LABELS) {
    w.style(SIZES.body, { bold: true, color: BEAT_CLASS_COLORS[label] });
    doc.text(label, x, y, { lineBreak: false });
    x += 12;
  }
  x += 8;
  x = legendItem(w, x, y, (lx, ly) => (doc.rect(lx, ly, 1.2, 7).fill(COLORS.ink), lx + 2), "model's label");
  x = legendItem(w, x, y, (lx, ly) => (doc.polygon([lx, ly + 1], [lx + 7, ly + 1], [lx + 3.5, ly + 7]).fill(BEAT_CLASS_COLORS.V), lx + 7), 'flagged: not N, or the model was unsure');
  x = legendItem(w, x, y, (lx, ly) => {
    doc.roundedRect(lx, ly - 1, 9, 10, 1.5).fill(BEAT_CLASS_COLORS.V);
    w.style(SIZES.small, { bold: true, color: '#ffffff' });
    doc.text('V', lx + 2, ly + 1, { lineBreak: false });
    doc.polygon([lx + 14, ly], [lx + 17.5, ly + 4], [lx + 14, ly + 8], [lx + 10.5, ly + 4]).fill(BEAT_CLASS_COLORS.V);
    return lx + 18;
  }, 'label set by the reviewer');
  x = legendItem(w, x, y, (lx, ly) => (doc.rect(lx, ly - 1, 8, 10).fillOpacity(0.15).fillAndStroke(SELECTION_COLOR, SELECTION_COLOR), doc.fillOpacity(1), lx + 8), 'the beat the strip is about');
  if (heatmap) heatLegend(w, x, y, heatmap);
  w.style(SIZES.small, { color: COLORS.muted });
  doc.text('Paper: 25 mm/s, 10 mm/mV; small squares 1 mm (0.04 s, 0.1 mV), large squares 5 mm (0.2 s, 0.5 mV). Calibration pulse 1 mV at the start of each lane.', w.box.marginPt, y + 14, { lineBreak: false });
  w.y += LEGEND_PT;
}

/** The strips laid out: each one's option and layout, and the strips of each page. */
export interface StripPlan {
  built: ReturnType<typeof buildReportStrip>[];
  pages: number[][];
}

/** Builds every strip's option and packs the strips onto landscape pages. */
export function planStrips(data: ReportData): StripPlan {
  const built = data.strips.map((s) => buildReportStrip(s, data.recording.baseTimeSec));
  const heights = built.map((b) => CAPTION_PT + b.layout.heightPx * PT_PER_PX);
  const box = pageBox('landscape');
  const room = box.contentBottomPt - box.contentTopPt;
  return { built, pages: data.strips.length === 0 ? [] : packStrips(heights, room - LEGEND_PT - 26, room, GAP_PT) };
}

function drawCaption(w: ReportWriter, strip: ReportStrip, index: number, data: ReportData): void {
  const text = caption(strip, index, data.strips.length, data.recording.baseTimeSec);
  const { marginPt, contentWidthPt } = w.box;
  w.style(SIZES.body + 0.5, { bold: true });
  w.textAt(text.left, marginPt, w.y, contentWidthPt * 0.7);
  w.style(SIZES.body, { color: COLORS.muted });
  w.textAt(text.right, marginPt + contentWidthPt * 0.7, w.y, contentWidthPt * 0.3, 'right');
  w.y += CAPTION_PT;
}

/**
 * Draws the planned strip pages after the current one, handing each finished page to
 * `pageDone` (which writes it out). The event loop gets a turn after each chart's SVG and
 * after each strip, the two slow steps (tens to a few hundred ms each).
 */
export async function drawStrips(w: ReportWriter, data: ReportData, plan: StripPlan, pageDone: () => void): Promise<void> {
  for (const [p, indices] of plan.pages.entries()) {
    w.newPage('landscape');
    if (p === 0) {
      w.heading(`Sample strips (${data.strips.length})`, 0);
      drawLegend(w, data.stripHeatmap);
    }
    for (const i of indices) {
      const { option, layout } = plan.built[i] as StripPlan['built'][number];
      drawCaption(w, data.strips[i] as ReportStrip, i, data);
      await yieldToLoop();
      const svg = renderChartSvg(option, layout.widthPx, layout.heightPx);
      await yieldToLoop();
      w.svg(svg, w.box.marginPt, w.y, layout.widthPx, layout.heightPx);
      w.y += layout.heightPx * PT_PER_PX + GAP_PT;
    }
    pageDone();
    await yieldToLoop();
  }
}
