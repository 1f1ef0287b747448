/**
 * The flagged list's cache of pages (not a store; the review-panels store owns one). A
 * 24-hour record can have 10,000+ flagged beats, so the list asks only for the pages of
 * {@link FLAGGED_PAGE_SIZE} rows around what is on screen. When the review changes (an
 * analysis step, an edit), pages go stale but stay on screen until their fresh copy comes
 * back, so the list never blanks; when the filter changes they are dropped, since rows of
 * another filter would be wrong. Answers to an older generation are ignored.
 */
import type { FlaggedFilter, FlaggedPage, ReviewBeat } from '../../../shared/review';
import type { ErrorInfo, Result } from '../../../shared/result';

/** Rows per request (the contract allows up to 1,000; smaller pages answer faster). */
export const FLAGGED_PAGE_SIZE = 200;

/** Fetches `limit` flagged beats from `offset` under the current filter and sort. */
export type FetchFlaggedPage = (offset: number, limit: number) => Promise<Result<FlaggedPage>>;

interface CachedPage {
  beats: ReviewBeat[];
  generation: number;
}

export class FlaggedPages {
  /** Flagged beats matching the filter, or null before the first answer. */
  total: number | null = null;
  /** Why the last request failed; cleared by the next success. */
  error: ErrorInfo | null = null;
  private pages = new Map<number, CachedPage>();
  private inFlight = new Map<number, Promise<void>>();
  private generation = 0;

  /**
   * @param fetchPage asks the services for a page under the filter in force when called
   * @param onChange called after every change of what the list shows
   */
  constructor(
    private fetchPage: FetchFlaggedPage,
    private readonly onChange: () => void,
  ) {}

  /** Drops everything (a new filter, sort or recording); `fetchPage` replaces the fetcher. */
  clear(fetchPage?: FetchFlaggedPage): void {
    if (fetchPage) this.fetchPage = fetchPage;
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
    this.total = null;
    this.error = null;
    this.onChange();
  }

  /** Marks every page stale (the review changed); they stay shown until refetched. */
  invalidate(): void {
    this.generation++;
    this.inFlight.clear();
  }

  /** Number of pages the total spans. */
  get pageCount(): number {
    return this.total === null ? 0 : Math.ceil(this.total / FLAGGED_PAGE_SIZE);
  }

  /** The beat at a row, if its page is loaded (stale or fresh). */
  at(index: number): ReviewBeat | undefined {
    return this.pages.get(Math.floor(index / FLAGGED_PAGE_SIZE))?.beats[index % FLAGGED_PAGE_SIZE];
  }

  /** The row of a beat among the loaded pages, or -1. */
  indexOf(beatId: number): number {
    for (const [page, cached] of this.pages) {
      const i = cached.beats.findIndex((b) => b.id === beatId);
      if (i >= 0) return page * FLAGGED_PAGE_SIZE + i;
    }
    return -1;
  }

  /**
   * Makes sure the pages covering rows [first, last] are fresh, fetching those that are
   * not (page 0 at least, to learn the total). Resolves when they have answered.
   */
  async ensure(first: number, last: number): Promise<void> {
    const lastPage = this.total === null ? 0 : Math.min(this.pageCount - 1, Math.floor(Math.max(0, last) / FLAGGED_PAGE_SIZE));
    const loads: Promise<void>[] = [];
    for (let p = Math.max(0, Math.floor(first / FLAGGED_PAGE_SIZE)); p <= Math.max(0, lastPage); p++) loads.push(this.load(p));
    await Promise.all(loads);
  }

  /** Fetches a page unless it is fresh or already on its way in this generation. */
  load(page: number): Promise<void> {
    if (this.pages.get(page)?.generation === this.generation) return Promise.resolve();
    const pending = this.inFlight.get(page);
    if (pending) return pending;
    const generation = this.generation;
    const request = this.fetchPage(page * FLAGGED_PAGE_SIZE, FLAGGED_PAGE_SIZE).then((result) => {
      if (generation !== this.generation) return;
      this.inFlight.delete(page);
      if (!result.ok) {
        this.error = result.error;
      } else {
        this.error = null;
        this.adoptTotal(result.value.total);
        this.pages.set(page, { beats: result.value.beats, generation });
      }
      this.onChange();
    });
    this.inFlight.set(page, request);
    return request;
  }

  /** Takes a new total, dropping cached pages that now lie past its end. */
  private adoptTotal(total: number): void {
    this.total = total;
    const pages = Math.ceil(total / FLAGGED_PAGE_SIZE);
    for (const page of [...this.pages.keys()]) if (page >= pages) this.pages.delete(page);
  }

  /**
   * The row of a beat in a list sorted by time, searching page by page (binary search on
   * the pages' first and last times, fetching the pages it looks at): about 7 requests for
   * 10,000 rows. -1 when the beat is not in the list (not flagged under this filter).
   */
  async locateByTime(beat: { id: number; timeSec: number }): Promise<number> {
    const known = this.indexOf(beat.id);
    if (known >= 0) return known;
    if (this.total === null) await this.load(0);
    let lo = 0;
    let hi = this.pageCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      await this.load(mid);
      const beats = this.pages.get(mid)?.beats ?? [];
      const first = beats[0];
      const last = beats[beats.length - 1];
      if (!first || !last) return -1;
      if (beat.timeSec < first.timeSec) hi = mid - 1;
      else if (beat.timeSec > last.timeSec) lo = mid + 1;
      else {
        const i = beats.findIndex((b) => b.id === beat.id);
        return i >= 0 ? mid * FLAGGED_PAGE_SIZE + i : -1;
      }
    }
    return -1;
  }
}

/** Rows of a virtual list to render: [first, last], inclusive; empty (last < first) for none. */
export interface RowRange {
  first: number;
  last: number;
}

/**
 * The rows of a fixed-row-height list that a viewport shows, widened by `overscan` rows
 * each side so a fast scroll does not show blank rows before the next render.
 */
export function visibleRows(scrollTopPx: number, viewportPx: number, rowPx: number, total: number, overscan: number): RowRange {
  if (total <= 0 || rowPx <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTopPx / rowPx) - overscan);
  const last = Math.min(total - 1, Math.ceil((scrollTopPx + Math.max(0, viewportPx)) / rowPx) + overscan - 1);
  return { first, last: Math.max(first - 1, last) };
}

/**
 * Where to scroll so that `row` is in view: unchanged when it already is, else the
 * smallest move that brings it to the nearer edge (with a row of margin).
 */
export function scrollToShow(row: number, scrollTopPx: number, viewportPx: number, rowPx: number): number {
  const top = row * rowPx;
  if (top < scrollTopPx + rowPx) return Math.max(0, top - rowPx);
  if (top + rowPx > scrollTopPx + viewportPx - rowPx) return Math.max(0, top + 2 * rowPx - viewportPx);
  return scrollTopPx;
}

/**
 * The filter as the services take it: an empty class list means every class (as the
 * next/previous-flagged keys read it), the threshold falls back to `threshold`.
 */
export function flaggedQuery(filter: FlaggedFilter, threshold: number): FlaggedFilter {
  return {
    ...(filter.labels && filter.labels.length > 0 ? { labels: [...filter.labels] } : {}),
    ...(filter.maxConfidence !== undefined ? { maxConfidence: filter.maxConfidence } : {}),
    ...(filter.unreviewedOnly ? { unreviewedOnly: true } : {}),
    confidenceThreshold: filter.confidenceThreshold ?? threshold,
  };
}

/**
 * Whether a beat, as the strip has it (its `flagged` computed under the same threshold),
 * belongs in the list under `query`; saves searching the list for beats that cannot be there.
 */
export function matchesFlagged(beat: ReviewBeat, query: FlaggedFilter): boolean {
  if (!beat.flagged) return false;
  if (query.labels && !query.labels.includes(beat.label)) return false;
  if (query.maxConfidence !== undefined && beat.confidence !== null && beat.confidence > query.maxConfidence) return false;
  return !(query.unreviewedOnly && beat.reviewed);
}
