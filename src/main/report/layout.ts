/**
 * Page geometry and pagination of the report, pure so that it is unit-tested: A4 pages,
 * portrait for the summary and tables, landscape for the strips (a 10-s strip at 25 mm/s
 * is 250 mm of signal plus its 20-mm margin, wider than a portrait page). Lengths are PDF
 * points (1/72 in) unless a name says mm.
 */

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4;
/** Points per CSS pixel (96 px per inch): how SVG charts drawn in px are placed. */
export const PT_PER_PX = 72 / 96;

/** A4, points. */
export const A4 = { shortPt: 595.28, longPt: 841.89 } as const;

/** The frame of a page: margins, the header and footer bands, and the content box. */
export interface PageBox {
  widthPt: number;
  heightPt: number;
  marginPt: number;
  /** Top of the content (below the header band). */
  contentTopPt: number;
  /** Bottom of the content (above the footer band). */
  contentBottomPt: number;
  contentWidthPt: number;
}

/** Height of the header band (title, record, DRAFT mark) and of the footer band, points. */
export const HEADER_PT = 24;
export const FOOTER_PT = 20;

/** The frame of a portrait or landscape A4 page. */
export function pageBox(orientation: 'portrait' | 'landscape'): PageBox {
  const [widthPt, heightPt] = orientation === 'portrait' ? [A4.shortPt, A4.longPt] : [A4.longPt, A4.shortPt];
  // Landscape margins are narrower: two strips with 30-mm lanes just fit one above the other.
  const marginPt = orientation === 'portrait' ? 34 : 20;
  return {
    widthPt,
    heightPt,
    marginPt,
    contentTopPt: marginPt + HEADER_PT,
    contentBottomPt: heightPt - marginPt - FOOTER_PT,
    contentWidthPt: widthPt - 2 * marginPt,
  };
}

/**
 * Strips onto pages in their order: as many as fit one after another, `gapPt` apart; the
 * first page has `firstPt` of room (it also carries the legend), the others `otherPt`. A
 * strip taller than a page gets a page of its own. Returns the strip indices per page.
 */
export function packStrips(heightsPt: readonly number[], firstPt: number, otherPt: number, gapPt: number): number[][] {
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  heightsPt.forEach((h, i) => {
    const room = pages.length === 0 ? firstPt : otherPt;
    const needed = page.length === 0 ? h : used + gapPt + h;
    if (page.length > 0 && needed > room) {
      pages.push(page);
      page = [i];
      used = h;
    } else {
      page.push(i);
      used = needed;
    }
  });
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * Rows of a table split into pages: `firstRows` fit on the page where the table starts,
 * `otherRows` on each page after (both at least 1). Returns [start, end) per page.
 */
export function paginateRows(rowCount: number, firstRows: number, otherRows: number): [number, number][] {
  const pages: [number, number][] = [];
  let start = 0;
  let room = Math.max(1, Math.floor(firstRows));
  while (start < rowCount) {
    const end = Math.min(rowCount, start + room);
    pages.push([start, end]);
    start = end;
    room = Math.max(1, Math.floor(otherRows));
  }
  return pages;
}

/** "page 3 of 12" */
export function pageLabel(index: number, count: number): string {
  return `page ${index + 1} of ${count}`;
}
