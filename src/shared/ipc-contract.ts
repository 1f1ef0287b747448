/**
 * The one contract between renderer and services. Every call is listed here once, with
 * the schema that validates its argument (checked in main, whatever the transport) and
 * the type of its result. Handlers, the preload bridge, the loopback client and the
 * renderer all derive their types from this file.
 *
 * Names: `domain:verb` for calls, `domain:noun` for events.
 */
import { z } from 'zod';
import type {
  AnnotationMark,
  AppInfo,
  MlBackendInfo,
  RecentRecording,
  RecordingInfo,
  SampleRecording,
  SignalOverview,
  SignalWindow,
  TaskProgress,
} from './domain';
import { CALL_CHANNELS, EVENT_CHANNELS, type CallChannelName, type EventChannelName } from './channels';

export { CALL_CHANNELS, EVENT_CHANNELS };

/** Hours of signal one window request may ask for; more is a mistake, not a view. */
const MAX_WINDOW_SEC = 3600;
/** Upper bound on the bytes a browser upload may carry (base64 text length). */
const MAX_UPLOAD_BASE64 = 512 * 1024 * 1024;

const recordingId = z.string().min(1).max(200);
const seconds = z.number().finite().min(0);

/**
 * A call's argument schema and, as a phantom, its result type. Curried so that the
 * result type is written and the schema type inferred: `call<Info>()(schema)`.
 */
function call<R>() {
  return <S extends z.ZodType>(request: S): { request: S; response: R } => ({
    request,
    response: undefined as unknown as R,
  });
}

const noArgs = z.undefined();

export const CALLS = {
  'app:info': call<AppInfo>()(noArgs),
  'library:samples': call<SampleRecording[]>()(noArgs),
  'library:recent': call<RecentRecording[]>()(noArgs),
  'dialog:openRecording': call<{ path: string | null }>()(noArgs),
  'ml:backend': call<MlBackendInfo>()(noArgs),
  'recording:open': call<RecordingInfo>()(z.object({ path: z.string().min(1).max(4096) })),
  'recording:upload': call<RecordingInfo>()(
    z.object({
      files: z
        .array(
          z.object({
            // A bare file name: no folders, so an upload cannot write outside its folder.
            name: z
              .string()
              .min(1)
              .max(255)
              .regex(/^[^/\\]+$/, 'a file name without folders')
              .refine((n) => n !== '.' && n !== '..', 'a file name'),
            dataBase64: z.string().max(MAX_UPLOAD_BASE64),
          }),
        )
        .min(1)
        .max(64),
    }),
  ),
  'recording:window': call<SignalWindow>()(
    z.object({
      recordingId,
      startSec: seconds,
      durationSec: z.number().finite().positive().max(MAX_WINDOW_SEC),
      signals: z.array(z.number().int().min(0).max(1023)).max(1024).optional(),
      maxPoints: z.number().int().min(16).max(1_000_000).optional(),
    }),
  ),
  'recording:overview': call<SignalOverview>()(
    z.object({
      recordingId,
      signalIndex: z.number().int().min(0).max(1023),
      bins: z.number().int().min(1).max(20_000),
    }),
  ),
  'recording:annotations': call<AnnotationMark[]>()(
    z.object({
      recordingId,
      // An annotator is a file extension: letters, digits, _ and - only.
      annotator: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
      startSec: seconds,
      endSec: seconds,
    }),
  ),
} as const satisfies Record<CallChannelName, { request: z.ZodType; response: unknown }>;

export type CallChannel = keyof typeof CALLS;
export type CallRequest<C extends CallChannel> = z.input<(typeof CALLS)[C]['request']>;
export type CallResponse<C extends CallChannel> = (typeof CALLS)[C]['response'];

/** One-way messages from the services to the renderer. */
export interface EventMap {
  'task:progress': TaskProgress;
}
export type EventChannel = keyof EventMap;

/**
 * Compile-time proof that `channels.ts` lists exactly the channels declared here (the
 * `satisfies` on `CALLS` rejects extra or missing keys; these catch the reverse).
 */
type SameKeys<A extends PropertyKey, B extends PropertyKey> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const callChannelsMatch: SameKeys<CallChannel, CallChannelName> = true;
const eventChannelsMatch: SameKeys<EventChannel, EventChannelName> = true;
void callChannelsMatch;
void eventChannelsMatch;

export function isCallChannel(name: string): name is CallChannel {
  return Object.prototype.hasOwnProperty.call(CALLS, name);
}
