import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/shared/review';
import { summariseAudit } from '../../../../src/main/report/audit';

const line = (seq: number, reviewer: string, action: AuditEntry['action'], beatCount: number): AuditEntry => ({ seq, at: `2026-01-01T10:0${seq}:00.000Z`, reviewer, action, description: action, beatCount, beatIds: [] });

describe('summariseAudit', () => {
  it('counts edits per reviewer, most first, and undo/redo apart', () => {
    const summary = summariseAudit([line(1, 'bea', 'relabel', 1), line(2, 'al', 'relabel-template', 40), line(3, 'al', 'delete', 2), line(4, 'al', 'undo', 2), line(5, 'bea', 'redo', 2)]);
    expect(summary).toEqual({
      edits: 3,
      undos: 1,
      redos: 1,
      byReviewer: [{ reviewer: 'al', edits: 2, beats: 42 }, { reviewer: 'bea', edits: 1, beats: 1 }],
      firstAt: '2026-01-01T10:01:00.000Z',
      lastAt: '2026-01-01T10:05:00.000Z',
    });
  });

  it('gives zeros for an empty trail', () => {
    expect(summariseAudit([])).toEqual({ edits: 0, undos: 0, redos: 0, byReviewer: [], firstAt: null, lastAt: null });
  });
});
