/**
 * A plain table on the page: a shaded header row and single-line rows with a hairline
 * under each, optionally a colour swatch before a cell's text (the beat classes). Rows do
 * not wrap: callers give texts that fit, and split long tables with layout.paginateRows.
 */
import { pdfText } from '../text';
import { COLORS, SIZES, type ReportWriter } from './writer';

/** A column: its title, width and alignment. */
export interface Column {
  title: string;
  widthPt: number;
  align?: 'left' | 'right' | 'center';
}

/** A cell: text, with an optional colour, weight and swatch (a small square of `swatch` before the text). */
export interface Cell {
  text: string;
  color?: string;
  bold?: boolean;
  swatch?: string;
}

/** Height of one row, points. */
export const ROW_PT = 14;
const PAD_PT = 4;

function drawRow(w: ReportWriter, columns: readonly Column[], cells: readonly Cell[], y: number, header: boolean): void {
  let x = w.box.marginPt;
  columns.forEach((column, i) => {
    const cell = cells[i] ?? { text: '' };
    let textX = x + PAD_PT;
    if (cell.swatch) {
      w.doc.rect(textX, y + 3.5, 7, 7).fill(cell.swatch);
      textX += 11;
    }
    w.style(header ? SIZES.small : SIZES.body, { bold: header || cell.bold, color: header ? COLORS.muted : (cell.color ?? COLORS.ink) });
    w.doc.text(pdfText(cell.text), textX, y + (header ? 4 : 3), { width: x + column.widthPt - PAD_PT - textX, align: column.align ?? 'left', lineBreak: false, ellipsis: true, height: ROW_PT });
    x += column.widthPt;
  });
}

/** Draws the header and `rows` at the cursor (which must have room) and moves the cursor below. */
export function drawTable(w: ReportWriter, columns: readonly Column[], rows: readonly (readonly Cell[])[]): void {
  const { doc } = w;
  const left = w.box.marginPt;
  const width = columns.reduce((sum, c) => sum + c.widthPt, 0);
  doc.rect(left, w.y, width, ROW_PT).fill(COLORS.shade);
  drawRow(w, columns, columns.map((c) => ({ text: c.title.toUpperCase() })), w.y, true);
  w.y += ROW_PT;
  for (const row of rows) {
    drawRow(w, columns, row, w.y, false);
    w.y += ROW_PT;
    doc.moveTo(left, w.y).lineTo(left + width, w.y).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
  }
  w.y += 4;
}

/** Height a table of `rowCount` rows takes, header included. */
export function tableHeight(rowCount: number): number {
  return ROW_PT * (rowCount + 1) + 4;
}
