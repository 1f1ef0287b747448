/**
 * The PDF being written: a pdfkit document whose pages stay buffered until the report knows
 * how many pages it has (each says "page X of Y"), a cursor that flows content down the page
 * and starts a new one when it runs out, text helpers that keep to the characters the
 * built-in fonts hold, and SVG charts placed at true scale.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { pageBox, PT_PER_PX, type PageBox } from '../layout';
import { pdfText } from '../text';

/** The report's colours: the app's ink, muted text, rules, accent and alarm red. */
export const COLORS = { ink: '#1f2933', muted: '#52606d', rule: '#c9d1da', shade: '#f2f5f8', accent: '#1f5fbf', alarm: '#c0262d' } as const;
/** Font sizes, points. */
export const SIZES = { title: 17, heading: 11, body: 9, small: 7.5 } as const;

/** Maps the SVG's font families to the PDF's built-in Helvetica faces. */
function helvetica(_family: string, bold: boolean, italic: boolean): string {
  if (bold) return italic ? 'Helvetica-BoldOblique' : 'Helvetica-Bold';
  return italic ? 'Helvetica-Oblique' : 'Helvetica';
}

/** A report document being written, with its flow cursor. */
export class ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  box: PageBox = pageBox('portrait');
  /** Where the next block goes, points from the page's top. */
  y = 0;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;

  constructor(info: { title: string; author: string; subject: string; creationDate: Date }) {
    this.doc = new PDFDocument({ autoFirstPage: false, bufferPages: true, size: 'A4', margin: 0, info: { Title: pdfText(info.title), Author: pdfText(info.author), Subject: pdfText(info.subject), Creator: 'RhythmAttention', CreationDate: info.creationDate } });
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  /** Starts a page and puts the cursor at the top of its content box. */
  newPage(orientation: 'portrait' | 'landscape' = 'portrait'): void {
    this.box = pageBox(orientation);
    this.doc.addPage({ size: 'A4', layout: orientation, margin: 0 });
    this.y = this.box.contentTopPt;
  }

  /** Room left on this page below the cursor. */
  get roomPt(): number {
    return this.box.contentBottomPt - this.y;
  }

  /** Starts a new portrait page unless `heightPt` fits below the cursor. */
  ensure(heightPt: number): void {
    if (heightPt > this.roomPt) this.newPage('portrait');
  }

  /** Sets font, size and colour for the next text. */
  style(size: number, options: { bold?: boolean; color?: string } = {}): PDFKit.PDFDocument {
    return this.doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).fillColor(options.color ?? COLORS.ink);
  }

  /** Height of `text` wrapped to `widthPt` in the current style. */
  heightOf(text: string, widthPt: number): number {
    return this.doc.heightOfString(pdfText(text), { width: widthPt });
  }

  /**
   * Writes `text` at (x, y) wrapped to `widthPt`, in the current style; never adds a page
   * by itself (the cursor decides pages). Returns the height written.
   */
  textAt(text: string, x: number, y: number, widthPt: number, align: 'left' | 'right' | 'center' = 'left'): number {
    const clean = pdfText(text);
    const height = this.doc.heightOfString(clean, { width: widthPt });
    this.doc.text(clean, x, y, { width: widthPt, align, lineBreak: true });
    return height;
  }

  /** A section heading with a rule under it, kept with `followingPt` of what follows it. */
  heading(text: string, followingPt = 40): void {
    this.ensure(22 + followingPt);
    const { marginPt, contentWidthPt } = this.box;
    this.y += 6;
    this.style(SIZES.heading, { bold: true, color: COLORS.accent });
    this.textAt(text, marginPt, this.y, contentWidthPt);
    this.y += 14;
    this.doc.moveTo(marginPt, this.y).lineTo(marginPt + contentWidthPt, this.y).lineWidth(0.6).strokeColor(COLORS.accent).stroke();
    this.y += 6;
  }

  /** Places an SVG drawn in CSS px at (x, y), scaled so that 96 px make an inch (true size). */
  svg(svg: string, x: number, y: number, widthPx: number, heightPx: number): void {
    SVGtoPDF(this.doc, svg, x, y, { width: widthPx * PT_PER_PX, height: heightPx * PT_PER_PX, fontCallback: helvetica, warningCallback: () => undefined });
  }

  /**
   * Draws the frame (header, footer) on every page still buffered and writes them out
   * (compressed), so that they take no more memory and the compression happens page by
   * page rather than all at the end. `pageCount` is the report's final number of pages.
   */
  flushPages(decorate: (pageIndex: number, pageCount: number) => void, pageCount: number): void {
    const { start, count } = this.doc.bufferedPageRange();
    const current = { box: this.box, y: this.y };
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      this.box = pageBox(this.doc.page.width > this.doc.page.height ? 'landscape' : 'portrait');
      decorate(i, pageCount);
    }
    this.doc.flushPages();
    ({ box: this.box, y: this.y } = current);
  }

  /** Pages started so far. */
  get pageCount(): number {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count;
  }

  /** Ends the document (every page must have been flushed); resolves to its bytes. */
  end(): Promise<Buffer> {
    this.doc.end();
    return this.ended;
  }
}
