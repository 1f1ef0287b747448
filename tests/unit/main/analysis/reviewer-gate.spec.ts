import { describe, expect, it } from 'vitest';
import { ReviewerGate, backgroundYield, reviewerYield, waitForReviewer, waitWhileAnalysing } from '../../../../src/main/analysis/reviewer-gate';

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

describe('reviewerYield', () => {
  it('stands aside at most maxSleepMs, then runs minRunMs without looking, so a reviewer who never stops cannot stall the analysis', () => {
    const gate = new ReviewerGate();
    gate.hold(60_000);
    const look = reviewerYield(gate.buffer, { maxSleepMs: 60, minRunMs: 150 });
    expect(look()).toBeGreaterThanOrEqual(50);
    // Within the run window the step goes on at once, though the gate is still held.
    expect(look()).toBe(0);
    const runUntil = Date.now() + 160;
    while (Date.now() < runUntil) {
      // the analysis's own step
    }
    expect(look()).toBeGreaterThanOrEqual(50);
  });

  it('never sleeps when the gate is not held', () => {
    const look = reviewerYield(new ReviewerGate().buffer);
    expect(look()).toBeLessThan(20);
    expect(look()).toBeLessThan(20);
  });
});

describe('backgroundYield', () => {
  it('stands aside at every look for as long as the gate is held, with no run window between', () => {
    const gate = new ReviewerGate();
    const look = backgroundYield(gate.buffer);
    gate.hold(60);
    expect(look()).toBeGreaterThanOrEqual(50);
    gate.hold(60);
    // A classification would now run without looking; a background pass stands aside again.
    expect(look()).toBeGreaterThanOrEqual(50);
    expect(look()).toBeLessThan(20);
  });
});

describe('waitWhileAnalysing', () => {
  it('resolves at once when no analysis runs, and only after the last running one ends', async () => {
    const gate = new ReviewerGate();
    let resolved = false;
    await waitWhileAnalysing(gate.buffer, () => false);
    gate.analysisStarted();
    gate.analysisStarted();
    const waiting = waitWhileAnalysing(gate.buffer, () => false).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 250));
    gate.analysisEnded();
    await new Promise((r) => setTimeout(r, 250));
    expect(resolved).toBe(false);
    gate.analysisEnded();
    await waiting;
    expect(resolved).toBe(true);
  });

  it('stops waiting when the pass is cancelled', async () => {
    const gate = new ReviewerGate();
    gate.analysisStarted();
    let cancelled = false;
    setTimeout(() => (cancelled = true), 150);
    await waitWhileAnalysing(gate.buffer, () => cancelled);
    expect(cancelled).toBe(true);
  });
});
