/**
 * Undo/redo stacks and the audit trail. Every edit, undo and redo appends one audit line
 * (who, when, what); the trail is never shortened. The undo stack keeps the last
 * `MAX_UNDO` edits (older ones stay in the audit trail but can no longer be undone).
 */
import { AppError } from '../../shared/errors';
import type { AuditEntry } from '../../shared/review';
import type { BeatStore } from './beat-store';
import { applyChange, type HistoryEntry } from './edits';

/** Edits that can be undone, newest last. */
export const MAX_UNDO = 500;
/** Beat ids one audit line lists (the contract: "the first 1,000"). */
export const AUDIT_MAX_IDS = 1000;

/** Who acts, and when (the clock is injected so tests can fix it). */
export interface Actor {
  reviewer: string;
  at: Date;
}

/** Undo/redo stacks and the audit trail of one review. */
export class EditHistory {
  undoStack: HistoryEntry[] = [];
  redoStack: HistoryEntry[] = [];
  audit: AuditEntry[] = [];

  /** Applies a planned edit, records it and clears the redo stack. */
  apply(store: BeatStore, entry: HistoryEntry, actor: Actor): void {
    applyChange(store, entry.change, 'forward');
    this.undoStack.push(entry);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.splice(0, this.undoStack.length - MAX_UNDO);
    this.redoStack = [];
    this.log(actor, entry.action, entry.description, entry.change.ids);
  }

  /** Reverts the newest edit. @throws AppError 'review/invalid-edit' when there is none. */
  undo(store: BeatStore, actor: Actor): HistoryEntry {
    const entry = this.undoStack.pop();
    if (!entry) throw new AppError('review/invalid-edit', 'There is nothing to undo.');
    applyChange(store, entry.change, 'back');
    this.redoStack.push(entry);
    this.log(actor, 'undo', `undid: ${entry.description}`, entry.change.ids);
    return entry;
  }

  /** Re-applies the newest undone edit. @throws AppError 'review/invalid-edit' when there is none. */
  redo(store: BeatStore, actor: Actor): HistoryEntry {
    const entry = this.redoStack.pop();
    if (!entry) throw new AppError('review/invalid-edit', 'There is nothing to redo.');
    applyChange(store, entry.change, 'forward');
    this.undoStack.push(entry);
    this.log(actor, 'redo', `redid: ${entry.description}`, entry.change.ids);
    return entry;
  }

  /** "relabel 1 beat V → N" for the menu, or null. */
  get undoLabel(): string | null {
    return this.undoStack[this.undoStack.length - 1]?.summary ?? null;
  }

  get redoLabel(): string | null {
    return this.redoStack[this.redoStack.length - 1]?.summary ?? null;
  }

  private log(actor: Actor, action: AuditEntry['action'], description: string, ids: Int32Array): void {
    const last = this.audit[this.audit.length - 1];
    this.audit.push({
      seq: (last?.seq ?? 0) + 1,
      at: actor.at.toISOString(),
      reviewer: actor.reviewer,
      action,
      description,
      beatCount: ids.length,
      beatIds: Array.from(ids.subarray(0, AUDIT_MAX_IDS)),
    });
  }
}
