/**
 * Helpers for the journal and review-store tests: a change made the way ReviewSession makes
 * it (in memory, then journalled), and a comparable view of a review.
 */
import type { ReviewEdit } from '../../../../src/shared/review';
import type { Actor, ReviewDocument, ReviewStore } from '../../../../src/main/review';
import { chunkOf, FS } from './build';

/** The record the test record's review belongs to. */
export const FINGERPRINT = { headerPath: '/x/rec.hea', files: [{ name: 'rec.hea', size: 10, mtimeMs: 1 }] };

/** Options of ReviewStore.open for the review file `path`. */
export function storeOptions(path: string) {
  return { path, fingerprint: FINGERPRINT, frameRateHz: FS };
}

/** Applies `edit` to `doc` and journals it durably, as ReviewSession.edit does. */
export function edit(store: ReviewStore, doc: ReviewDocument, change: ReviewEdit, actor: Actor): void {
  doc.edit(change, actor);
  const last = doc.history.audit[doc.history.audit.length - 1];
  store.record({ op: 'edit', edit: change, reviewer: actor.reviewer, at: actor.at.toISOString(), audit: { seq: last?.seq ?? 0, description: last?.description ?? '' } }, true);
}

/** Undoes or redoes on `doc` and journals it, as ReviewSession does. */
export function step(store: ReviewStore, doc: ReviewDocument, op: 'undo' | 'redo', actor: Actor): void {
  doc[op](actor);
  const last = doc.history.audit[doc.history.audit.length - 1];
  store.record({ op, reviewer: actor.reviewer, at: actor.at.toISOString(), audit: { seq: last?.seq ?? 0, description: last?.description ?? '' } }, true);
}

/** Adds `labels` as one analysis chunk of beats `rrSec` apart starting at `fromSec` and journals it. */
export function analyse(store: ReviewStore, doc: ReviewDocument, labels: string, fromSec = 1, rrSec = 1): void {
  const samples = [...labels].map((_, i) => Math.round((fromSec + i * rrSec) * FS));
  const chunk = chunkOf(samples, labels);
  doc.appendChunk(chunk);
  store.record({ op: 'chunk', chunk }, false);
}

/** What a reviewer sees of a review: labels and flags per beat id, the audit trail, undo/redo depth. */
export function view(doc: ReviewDocument) {
  return {
    beats: doc.beatsInRange(0, Number.MAX_SAFE_INTEGER).map((b) => `${b.id}:${b.label}${b.added ? '+' : ''}`),
    audit: doc.history.audit.map((a) => `${a.seq} ${a.reviewer} ${a.at} ${a.action}: ${a.description}`),
    undo: doc.history.undoStack.length,
    redo: doc.history.redoStack.length,
    analysedSec: doc.analysedSec,
  };
}
