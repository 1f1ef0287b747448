/**
 * Who last edited each beat, and when, from a review's audit trail (src/main/review
 * history.ts): the per-beat "edited by" of the beat tables.
 *
 * The audit trail lists every edit, undo and redo in order, but not per beat. Replaying it
 * with a stack gives the edits in force now: an edit pushes, an undo moves the newest edit
 * in force to the redo stack, a redo moves it back, a new edit clears the redo stack,
 * exactly as `EditHistory` does. A redone edit keeps its own reviewer and time: the redo
 * puts back what that reviewer did. A beat's state is then set
 * by the last edit in force that touched it, so that edit names its editor.
 *
 * An audit line lists at most its first 1,000 beat ids (`AUDIT_MAX_IDS`); the review's undo
 * stack keeps the full ids of its last `MAX_UNDO` edits, which are the newest edits in
 * force, so those lines take their ids from the undo stack. Only a beat touched by an edit
 * of more than 1,000 beats that has also left the undo stack (over 500 edits ago) has no
 * known editor (null).
 */
import type { AuditEntry } from '../../shared/review';

/** The edit in force that last set a beat. */
export interface BeatEdit {
  /** The edit as the audit trail names it ('relabel', 'relabel-template', 'add', 'delete'). */
  action: Exclude<AuditEntry['action'], 'undo' | 'redo'>;
  reviewer: string;
  /** ISO 8601 time of the edit. */
  at: string;
}

/** An undo-stack entry as far as this module needs it (src/main/review `HistoryEntry`). */
export interface UndoEntryIds {
  action: string;
  change: { ids: ArrayLike<number> };
}

interface InForce {
  line: AuditEntry;
  action: BeatEdit['action'];
  ids: ArrayLike<number>;
}

/** Replays the audit trail: the edit lines in force now, oldest first. */
function editsInForce(audit: readonly AuditEntry[]): InForce[] {
  const done: InForce[] = [];
  let undone: InForce[] = [];
  for (const line of audit) {
    if (line.action === 'undo') {
      const entry = done.pop();
      if (entry) undone.push(entry);
    } else if (line.action === 'redo') {
      const entry = undone.pop();
      if (entry) done.push(entry);
    } else {
      done.push({ line, action: line.action, ids: line.beatIds });
      undone = [];
    }
  }
  return done;
}

/**
 * The last edit in force of every beat it can name, by beat id. `undoStack` (the review's,
 * newest last) supplies the full beat ids of the newest edits; pass [] to use the audit
 * trail alone. Deleted beats get their 'delete' edit; beats no edit in force touched are
 * absent.
 */
export function lastEdits(audit: readonly AuditEntry[], undoStack: readonly UndoEntryIds[]): Map<number, BeatEdit> {
  const inForce = editsInForce(audit);
  // The undo stack holds the newest edits in force: align the two from their ends, and stop
  // at the first pair that disagrees (a review whose trail and stack do not match).
  for (let k = 1; k <= Math.min(inForce.length, undoStack.length); k++) {
    const edit = inForce[inForce.length - k] as InForce;
    const entry = undoStack[undoStack.length - k] as UndoEntryIds;
    if (entry.action !== edit.action || entry.change.ids.length !== edit.line.beatCount) break;
    edit.ids = entry.change.ids;
  }
  const edits = new Map<number, BeatEdit>();
  for (const { line, action, ids } of inForce) {
    const edit: BeatEdit = { action, reviewer: line.reviewer, at: line.at };
    for (let i = 0; i < ids.length; i++) edits.set(ids[i] as number, edit);
  }
  return edits;
}
