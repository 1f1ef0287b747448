/**
 * ECharts on the server side: a chart option (src/shared/charts, the same builders the app
 * draws with) rendered to an SVG string without a DOM (`ssr: true`), for the PDF. Text is
 * measured with the metrics of the font the PDF prints it in (Helvetica), so that labels
 * ECharts centres, right-aligns or puts on a background box sit where it meant them.
 */
import { init, setPlatformAPI, use } from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import PDFDocument from 'pdfkit';
import type { EcOption } from '../../shared/charts/types';
import { isWinAnsi } from './text';

// The parts the app registers (src/renderer/src/modules/echarts.ts), SVG renderer only.
use([LineChart, ScatterChart, GraphicComponent, GridComponent, SVGRenderer]);

let metrics: PDFKit.PDFDocument | null = null;

/** Font size (px) and weight of a CSS font shorthand as zrender passes it ("600 12px …"). */
export function parseCssFont(font: string): { sizePx: number; bold: boolean } {
  const size = /(\d+(?:\.\d+)?)px/.exec(font);
  const bold = /\bbold(er)?\b|\b[6-9]00\b/.test(font);
  return { sizePx: size ? Number(size[1]) : 12, bold };
}

/**
 * Width of `text` in px when printed in Helvetica at the font's size. A character the font
 * lacks counts one em: zrender takes a line's height from the width of "国" (a square
 * CJK glyph), which Helvetica does not hold, and would otherwise make text boxes flat.
 */
export function measureHelvetica(text: string, font: string): number {
  metrics ??= new PDFDocument({ autoFirstPage: false });
  const { sizePx, bold } = parseCssFont(font);
  const doc = metrics.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(sizePx);
  let width = 0;
  for (const ch of text) width += isWinAnsi(ch) ? doc.widthOfString(ch) : sizePx;
  return width;
}

setPlatformAPI({ measureText: (text, font) => ({ width: measureHelvetica(text ?? '', font ?? '12px sans-serif') }) });

/** Renders `option` as an SVG document `widthPx` × `heightPx` (CSS px). */
export function renderChartSvg(option: EcOption, widthPx: number, heightPx: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: Math.max(1, widthPx), height: Math.max(1, heightPx) });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
