/**
 * The one typed entry point both transports use: channel name + unknown argument in, a
 * `Result` out. It checks the channel exists, validates the argument with the channel's
 * zod schema, calls the handler and turns any throw into a `Result` error. It never throws,
 * because errors thrown across Electron's IPC lose their class and fields
 * (electron/electron#24427) and an HTTP handler must answer something.
 */
import type { z } from 'zod';
import type { CallHandlers } from '../../shared/api';
import { toErrorInfo } from '../../shared/errors';
import { CALLS, isCallChannel } from '../../shared/ipc-contract';
import { fail, ok, type Result } from '../../shared/result';

/** Dispatches one call; `channel` and `arg` come straight from outside and are checked here. */
export type Dispatch = (channel: string, arg: unknown) => Promise<Result<unknown>>;

/** Builds the dispatcher over a set of handlers (normally those of `createServices`). */
export function createDispatcher(handlers: CallHandlers): Dispatch {
  return async (channel, arg) => {
    if (!isCallChannel(channel)) {
      return fail({
        code: 'ipc/unknown-channel',
        message: `Unknown channel "${truncate(channel)}".`,
        detail: { channel: truncate(channel) },
      });
    }
    const parsed = CALLS[channel].request.safeParse(arg);
    if (!parsed.success) {
      return fail({
        code: 'ipc/invalid-argument',
        message: `Invalid argument for ${channel}: ${describeIssue(parsed.error)}`,
        detail: { channel },
      });
    }
    try {
      const handler = handlers[channel] as (value: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      return fail(toErrorInfo(error));
    }
  };
}

/** First zod issue as "path: message" (the rest usually follow from it). */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'rejected by the schema';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(argument)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}: ${issue.message}${more}`;
}

/** Keeps attacker-chosen channel names from bloating messages and logs. */
function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
