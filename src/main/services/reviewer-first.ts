/**
 * The calls a reviewer waits on (turning a page, jumping, editing) ask the background
 * analysis to stand aside while they are answered and drawn (../analysis/reviewer-gate).
 * Polls and panel refreshes are left out: they would pause the analysis for nothing.
 */
import type { CallHandlers } from '../../shared/api';
import type { CallChannel } from '../../shared/ipc-contract';
import { reviewerGate, type ReviewerGate } from '../analysis/reviewer-gate';

/** The page-turn and edit path of the review screen. */
export const INTERACTIVE_CALLS = [
  'recording:window',
  'recording:annotations',
  'review:beats',
  'review:attention',
  'review:step',
  'review:edit',
  'review:undo',
  'review:redo',
] as const satisfies readonly CallChannel[];

/** `handlers` with each interactive call holding `gate` before it runs. */
export function reviewerFirst(handlers: CallHandlers, gate: ReviewerGate = reviewerGate): CallHandlers {
  const out: CallHandlers = { ...handlers };
  for (const channel of INTERACTIVE_CALLS) wrap(out, channel, gate);
  return out;
}

function wrap<C extends (typeof INTERACTIVE_CALLS)[number]>(handlers: CallHandlers, channel: C, gate: ReviewerGate): void {
  const inner = handlers[channel] as (arg: unknown) => Promise<unknown>;
  (handlers as Record<string, (arg: unknown) => Promise<unknown>>)[channel] = (arg) => {
    gate.hold();
    return inner(arg);
  };
}
