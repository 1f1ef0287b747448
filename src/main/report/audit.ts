/**
 * The audit trail in a few numbers for the report: how many edits each reviewer made, how
 * many were undone or redone, and when the first and last were made.
 */
import type { AuditEntry } from '../../shared/review';

/** Edits of one reviewer. */
export interface ReviewerEdits {
  reviewer: string;
  /** Relabels, template relabels, adds and deletes (not undo / redo). */
  edits: number;
  /** Beats those edits touched, in all. */
  beats: number;
}

/** The audit trail summed up. */
export interface AuditSummary {
  edits: number;
  undos: number;
  redos: number;
  /** By reviewer, most edits first (ties by name). */
  byReviewer: ReviewerEdits[];
  /** ISO times of the first and last line; null for an empty trail. */
  firstAt: string | null;
  lastAt: string | null;
}

/** Sums up `audit` (in its order: oldest first). */
export function summariseAudit(audit: readonly AuditEntry[]): AuditSummary {
  const byReviewer = new Map<string, ReviewerEdits>();
  let [edits, undos, redos] = [0, 0, 0];
  for (const entry of audit) {
    if (entry.action === 'undo') undos++;
    else if (entry.action === 'redo') redos++;
    else {
      edits++;
      const row = byReviewer.get(entry.reviewer) ?? { reviewer: entry.reviewer, edits: 0, beats: 0 };
      row.edits++;
      row.beats += entry.beatCount;
      byReviewer.set(entry.reviewer, row);
    }
  }
  return {
    edits,
    undos,
    redos,
    byReviewer: [...byReviewer.values()].sort((a, b) => b.edits - a.edits || a.reviewer.localeCompare(b.reviewer)),
    firstAt: audit[0]?.at ?? null,
    lastAt: audit[audit.length - 1]?.at ?? null,
  };
}
