/**
 * The channel names as plain constants, without the zod schemas of `ipc-contract.ts`.
 *
 * Why a separate file: the sandboxed preload can `require` only Electron's own modules, and
 * the renderer should not carry zod, yet both need the list of channels at run time.
 * `ipc-contract.ts` checks at compile time that `CALLS` has exactly these keys, so adding a
 * channel means adding it here and there, and the compiler says when one is missing.
 */

/** Every request/response channel, `domain:verb`. */
export const CALL_CHANNELS = [
  'app:info',
  'library:samples',
  'library:recent',
  'dialog:openRecording',
  'ml:backend',
  'recording:open',
  'recording:upload',
  'recording:window',
  'recording:overview',
  'recording:annotations',
  'review:start',
  'review:status',
  'review:cancel',
  'review:beats',
  'review:noise',
  'review:rhythm',
  'review:attention',
  'review:flagged',
  'review:step',
  'review:edit',
  'review:undo',
  'review:redo',
  'review:audit',
  'review:templates',
  'review:summary',
  'review:adapt',
  'review:adaptCancel',
  'settings:reviewer',
  'report:draft',
  'report:create',
  'export:annotations',
  'export:beats',
  'research:scanFolder',
  'research:split',
  'research:train',
  'research:job',
  'research:cancel',
  'research:resume',
  'research:jobs',
  'research:evaluate',
  'models:list',
  'models:activate',
  'models:delete',
  'models:export',
  'models:import',
] as const;

/** Every one-way event channel (services → renderer), `domain:noun`. */
export const EVENT_CHANNELS = ['task:progress', 'review:changed'] as const;

export type CallChannelName = (typeof CALL_CHANNELS)[number];
export type EventChannelName = (typeof EVENT_CHANNELS)[number];

/** Whether `name` is a call channel (for input from outside the type system). */
export function isCallChannelName(name: string): name is CallChannelName {
  return (CALL_CHANNELS as readonly string[]).includes(name);
}

/** Whether `name` is an event channel. */
export function isEventChannelName(name: string): name is EventChannelName {
  return (EVENT_CHANNELS as readonly string[]).includes(name);
}

/**
 * The loopback transport's batch endpoint (`POST /api/batch`): several calls in one HTTP
 * request, `[{ channel, arg }, …]` answered by a `Result` of the array of each call's
 * `Result`, in order. Each call is dispatched as if sent alone. It exists because a page of
 * the review screen needs its signals, beats and noise at once, and on a loaded machine
 * every extra request costs the page a round of the browser's and the server's time.
 * Not a call channel: the Electron bridge has no use for it.
 */
export const BATCH_ENDPOINT = 'batch';
/** Most calls one batch may carry. */
export const MAX_BATCH_CALLS = 16;
