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
