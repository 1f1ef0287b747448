import { describe, expect, it } from 'vitest';
import type { CallHandlers } from '../../../../src/shared/api';
import { CALL_CHANNELS } from '../../../../src/shared/channels';
import { ReviewerGate, waitForReviewer } from '../../../../src/main/analysis/reviewer-gate';
import { INTERACTIVE_CALLS, reviewerFirst } from '../../../../src/main/services/reviewer-first';

/** Handlers that answer their own channel name. */
function echoHandlers(): CallHandlers {
  return Object.fromEntries(CALL_CHANNELS.map((c) => [c, async () => c])) as unknown as CallHandlers;
}

describe('reviewerFirst', () => {
  it('holds the gate for the page-turn and edit calls and answers as the handler does', async () => {
    for (const channel of INTERACTIVE_CALLS) {
      const gate = new ReviewerGate();
      const handlers = reviewerFirst(echoHandlers(), gate) as unknown as Record<string, (arg: unknown) => Promise<unknown>>;
      expect(await handlers[channel]!({})).toBe(channel);
      // Held: a look sleeps its whole (short) cap.
      expect(waitForReviewer(gate.buffer, 20)).toBeGreaterThanOrEqual(15);
    }
  });

  it('leaves polls and panel refreshes alone: the analysis does not pause for them', async () => {
    for (const channel of ['review:status', 'review:summary', 'review:flagged', 'review:templates', 'research:job'] as const) {
      const gate = new ReviewerGate();
      const handlers = reviewerFirst(echoHandlers(), gate) as unknown as Record<string, (arg: unknown) => Promise<unknown>>;
      expect(await handlers[channel]!({})).toBe(channel);
      expect(waitForReviewer(gate.buffer, 20)).toBeLessThan(5);
    }
  });
});
