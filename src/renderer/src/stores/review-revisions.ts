/**
 * What changed between two statuses of one review, for the review store's beat cache
 * (review-beats.ts `carryOver`): which cached beats the newer revision left as they were.
 */
import type { ReviewStatus } from '../../../shared/review';

/** Same undo / redo state: no edit, undo or redo came between the two statuses. */
function sameEdits(held: ReviewStatus, next: ReviewStatus): boolean {
  return held.canUndo === next.canUndo && held.canRedo === next.canRedo && held.undoLabel === next.undoLabel && held.redoLabel === next.redoLabel;
}

/** Whether the change was the analysis going on, with no edit between. */
export function analysisOnly(held: ReviewStatus, next: ReviewStatus): boolean {
  return held.state === 'running' && next.state === 'running' && sameEdits(held, next);
}

/**
 * Whether the change was the uncertainty pass going on and nothing else: it sets only the
 * beats' `uncertainty`, which nothing drawn from the review store's beats shows (the flagged
 * list and the queue, which do show it, ask the services themselves). Refetching the page's
 * beats for it, every second or two for the whole pass, only redrew the strip unchanged and
 * dropped the prefetched neighbours, so that the next page turn had to wait for its beats.
 */
export function uncertaintyOnly(held: ReviewStatus, next: ReviewStatus): boolean {
  return held.state !== 'running' && next.state === held.state && next.uncertainty.fraction > held.uncertainty.fraction
    && held.beatCount === next.beatCount && held.flaggedCount === next.flaggedCount && held.reviewedCount === next.reviewedCount
    && held.adaptation?.state === next.adaptation?.state && held.adaptation?.endedAt === next.adaptation?.endedAt
    && sameEdits(held, next);
}

/**
 * Seconds from the record's start before which the beats (as the review store keeps them)
 * are the same in `next` as in `held`: the analysed time for an analysis step (it adds
 * beats only after it), all of them (Infinity) for an uncertainty-pass step, none (0)
 * otherwise. The caller makes sure no edit of its own was under way.
 */
export function unchangedBeforeSec(held: ReviewStatus, next: ReviewStatus): number {
  if (analysisOnly(held, next)) return held.analysedSec;
  return uncertaintyOnly(held, next) ? Infinity : 0;
}
