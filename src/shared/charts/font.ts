/**
 * The font stack of every chart's text. "Segoe UI" is written without quotes (CSS allows a
 * family name made of identifiers unquoted): ECharts' server-side SVG (the PDF report) puts
 * the font into a double-quoted `style` attribute without escaping, so a quoted name would
 * end the attribute early and make the SVG unreadable.
 */
export const CHART_FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
