import { describe, expect, it } from 'vitest';
import { ReviewerGate, waitForReviewer } from '../../../../src/main/analysis/reviewer-gate';

describe('waitForReviewer', () => {
  it('returns at once when nobody holds the gate, and when there is no gate', () => {
    const gate = new ReviewerGate();
    expect(waitForReviewer(gate.buffer)).toBeLessThan(20);
    expect(waitForReviewer(null)).toBe(0);
    expect(waitForReviewer(undefined)).toBe(0);
  });

  it('sleeps until a hold ends when the gate is held', () => {
    const gate = new ReviewerGate();
    gate.hold(120);
    const slept = waitForReviewer(gate.buffer);
    expect(slept).toBeGreaterThanOrEqual(100);
    expect(slept).toBeLessThan(1000);
    // The hold is over: the next look does not wait.
    expect(waitForReviewer(gate.buffer)).toBeLessThan(20);
  });

  it('never sleeps longer than its cap, however long the hold', () => {
    const gate = new ReviewerGate();
    gate.hold(60_000);
    const slept = waitForReviewer(gate.buffer, 80);
    expect(slept).toBeGreaterThanOrEqual(70);
    expect(slept).toBeLessThan(1000);
  });
});

describe('ReviewerGate.hold', () => {
  it('keeps the later of two deadlines', () => {
    const gate = new ReviewerGate();
    gate.hold(150);
    gate.hold(10);
    expect(waitForReviewer(gate.buffer)).toBeGreaterThanOrEqual(120);
  });
});
