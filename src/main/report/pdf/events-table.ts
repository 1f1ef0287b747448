/**
 * Every rhythm event in time order (up to MAX_EVENT_ROWS; a 24-hour recording can hold
 * thousands of couplets, which the counts by kind already sum up), split across pages,
 * with the number of the strip that shows it.
 */
import { eventTitle, formatBeatTime, formatSpan } from '../../../shared/charts/summary-text';
import type { RhythmEvent } from '../../../shared/review';
import { paginateRows } from '../layout';
import type { ReportData } from '../report-data';
import { formatCount } from '../text';
import { ROW_PT, drawTable, tableHeight, type Cell, type Column } from './table';
import { COLORS, SIZES, type ReportWriter } from './writer';

/** Events listed at most. */
export const MAX_EVENT_ROWS = 200;

const COLUMNS: readonly Column[] = [
  { title: '#', widthPt: 36, align: 'right' },
  { title: 'Event', widthPt: 210 },
  { title: 'Start (h:m:s)', widthPt: 90 },
  { title: 'Duration', widthPt: 70, align: 'right' },
  { title: 'Beats', widthPt: 50, align: 'right' },
  { title: 'Strip', widthPt: 71, align: 'right' },
];

function stripNumberOf(event: RhythmEvent, data: ReportData): number | null {
  const i = data.strips.findIndex((s) => s.candidate.event !== null && s.candidate.focusBeatId === event.firstBeatId && s.candidate.event.startSec === event.startSec);
  return i < 0 ? null : i + 1;
}

function row(event: RhythmEvent, index: number, data: ReportData): Cell[] {
  const strip = stripNumberOf(event, data);
  return [
    { text: String(index + 1), color: COLORS.muted },
    { text: eventTitle(event), color: event.kind === 'pause' || event.ectopic === 'V' ? '#c24100' : COLORS.ink },
    { text: formatBeatTime(event.startSec) },
    { text: formatSpan(event.endSec - event.startSec) },
    { text: formatCount(event.beatCount) },
    { text: strip === null ? '' : `strip ${strip}`, bold: true },
  ];
}

/** The event list, continued on as many pages as it needs. */
export function drawEventTable(w: ReportWriter, data: ReportData): void {
  const events = data.summary.events;
  if (events.length === 0) return;
  const shown = events.slice(0, MAX_EVENT_ROWS);
  w.heading(`Rhythm events (${formatCount(events.length)})`, tableHeight(Math.min(3, shown.length)));
  const perPage = (room: number): number => Math.floor((room - tableHeight(0)) / ROW_PT);
  const fullPage = perPage(w.box.contentBottomPt - w.box.contentTopPt - 16);
  const pages = paginateRows(shown.length, Math.max(1, perPage(w.roomPt)), fullPage);
  pages.forEach(([start, end], p) => {
    if (p > 0) {
      w.newPage('portrait');
      w.style(SIZES.body, { bold: true, color: COLORS.accent });
      w.y += w.textAt(`Rhythm events, continued (${start + 1} to ${end})`, w.box.marginPt, w.y, w.box.contentWidthPt) + 4;
    }
    drawTable(w, COLUMNS, shown.slice(start, end).map((e, k) => row(e, start + k, data)));
  });
  if (events.length > shown.length) {
    w.ensure(16);
    w.style(SIZES.small, { color: COLORS.muted });
    w.y += w.textAt(`The first ${formatCount(shown.length)} of ${formatCount(events.length)} events are listed; the review screen lists them all.`, w.box.marginPt, w.y, w.box.contentWidthPt) + 4;
  }
}
