/**
 * svg-to-pdfkit 0.1 ships no types. It draws an SVG document (string or element) onto a
 * pdfkit document at (x, y); the options used here are listed in its README.
 */
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
    warningCallback?: (warning: string) => void;
    assumePt?: boolean;
    precision?: number;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
  export default SVGtoPDF;
}
