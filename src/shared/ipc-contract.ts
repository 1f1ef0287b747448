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
import {
  BEAT_LABELS,
  HEATMAP_METHODS,
  type AuditEntry,
  type BeatAttention,
  type EditOutcome,
  type FlaggedPage,
  type IrregularSpan,
  type NoiseSpan,
  type ReviewBeat,
  type ReviewStatus,
  type ReviewSummary,
  type TemplateGroup,
} from './review';
import { STRIP_HEATMAPS, type ExportedFile, type ReportDraft } from './report';
import {
  evaluateRequest,
  jobIdSchema,
  jobRequest,
  modelIdSchema,
  pathSchema,
  scanFolderRequest,
  splitRequest,
  trainRequest,
  type EvaluationReport,
  type FolderScan,
  type JobState,
  type ModelSummary,
  type SplitPlan,
} from './research';
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

const beatLabel = z.enum(BEAT_LABELS);
const beatId = z.number().int().min(0);
/** Beats one edit may touch: a whole template group of a 24-hour record fits. */
const MAX_EDIT_BEATS = 200_000;
const beatIds = z.array(beatId).min(1).max(MAX_EDIT_BEATS);
const ofRecording = z.object({ recordingId });
const probability = z.number().finite().min(0).max(1);
const flaggedFilter = {
  labels: z.array(beatLabel).max(BEAT_LABELS.length).optional(),
  maxConfidence: probability.optional(),
  confidenceThreshold: probability.optional(),
  unreviewedOnly: z.boolean().optional(),
};
const reviewEdit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('relabel'), beatIds, label: beatLabel }),
  z.object({ kind: z.literal('relabel-template'), templateId: z.number().int().min(0), label: beatLabel }),
  z.object({ kind: z.literal('add'), sample: z.number().int().min(0), label: beatLabel }),
  z.object({ kind: z.literal('delete'), beatIds }),
]);
/** Free text of a report form field: no control characters but line breaks and tabs. */
const reportText = (max: number) =>
  z.string().max(max).refine((t) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t), 'text without control characters');
/** Strips one report may print. */
const MAX_REPORT_STRIPS = 24;
/** An annotator name is a file extension: letters, digits, _ and - only. */
const annotatorName = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
/** A reviewer's name as the audit trail records it: printable, one line. */
const reviewerName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}]+$/u, 'a name without control characters');

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
      annotator: annotatorName,
      startSec: seconds,
      endSec: seconds,
    }),
  ),
  /** Starts (or restores) the review of an open recording; the analysis runs in the background. */
  'review:start': call<ReviewStatus>()(ofRecording),
  'review:status': call<ReviewStatus>()(ofRecording),
  /** Stops the analysis; beats already classified stay. */
  'review:cancel': call<ReviewStatus>()(ofRecording),
  /** Beats in [startSec, endSec) (at most an hour), in time order. */
  'review:beats': call<ReviewBeat[]>()(
    z.object({ recordingId, startSec: seconds, endSec: seconds, confidenceThreshold: probability.optional() }),
  ),
  /** Noise stretches (marked unreadable, no beats analysed there) overlapping [startSec, endSec) (at most an hour), clipped to it, in time order. */
  'review:noise': call<NoiseSpan[]>()(z.object({ recordingId, startSec: seconds, endSec: seconds })),
  /** Stretches of irregular rhythm (atrial fibrillation or flutter by the RR intervals) overlapping [startSec, endSec) (at most an hour), clipped to it, in time order. */
  'review:rhythm': call<IrregularSpan[]>()(z.object({ recordingId, startSec: seconds, endSec: seconds })),
  /** The heatmap of these beats: the model's attention (default) or its Grad-CAM map. */
  'review:attention': call<BeatAttention[]>()(
    z.object({ recordingId, beatIds: z.array(beatId).max(400), method: z.enum(HEATMAP_METHODS).optional() }),
  ),
  'review:flagged': call<FlaggedPage>()(
    z.object({
      recordingId,
      ...flaggedFilter,
      sort: z.enum(['time', 'confidence', 'uncertainty']),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
    }),
  ),
  /** The next (direction 1) or previous (−1) flagged beat strictly after / before `fromSec`, or null. */
  'review:step': call<ReviewBeat | null>()(
    z.object({ recordingId, ...flaggedFilter, fromSec: z.number().finite(), direction: z.union([z.literal(1), z.literal(-1)]) }),
  ),
  'review:edit': call<EditOutcome>()(z.object({ recordingId, edit: reviewEdit })),
  'review:undo': call<EditOutcome>()(ofRecording),
  'review:redo': call<EditOutcome>()(ofRecording),
  'review:audit': call<AuditEntry[]>()(ofRecording),
  'review:templates': call<TemplateGroup[]>()(ofRecording),
  'review:summary': call<ReviewSummary>()(ofRecording),
  /**
   * Starts a patient adaptation in the background: a copy of the model is fine-tuned on the
   * beats the reviewer labelled (plus a replay sample of training beats), then the other
   * beats are re-classified; one undoable step, reviewer labels kept. Progress in
   * ReviewStatus.adaptation ('review:changed') and 'task:progress' (taskId 'adapt:<recordingId>').
   */
  'review:adapt': call<ReviewStatus>()(z.object({ recordingId, epochs: z.number().int().min(1).max(50).optional() })),
  'review:adaptCancel': call<ReviewStatus>()(ofRecording),
  /** The reviewer's name for the audit trail: read it (no name) or set it. */
  'settings:reviewer': call<{ name: string }>()(z.object({ name: reviewerName.optional() })),
  /** Prefilled fields and candidate strips for the report form. */
  'report:draft': call<ReportDraft>()(ofRecording),
  /** Writes the PDF report of the review (exports/ in the data folder) and returns it. */
  'report:create': call<ExportedFile>()(
    z.object({
      recordingId,
      fields: z.object({
        patientName: reportText(200),
        patientId: reportText(100),
        age: reportText(20),
        sex: reportText(20),
        medications: reportText(500),
        indication: reportText(500),
        recordedAt: reportText(40),
        comments: reportText(4000),
      }),
      stripIds: z.array(z.string().min(1).max(100)).max(MAX_REPORT_STRIPS),
      /** A heatmap behind the sample strips' traces (default 'none'). */
      stripHeatmap: z.enum(STRIP_HEATMAPS).optional(),
      signOff: z.object({ reviewer: reviewerName, conclusion: reportText(4000), signed: z.boolean() }),
    }),
  ),
  /** The reviewed beats as a WFDB annotation file any PhysioNet tool reads. */
  'export:annotations': call<ExportedFile>()(
    z.object({ recordingId, annotator: annotatorName, symbols: z.enum(['mit', 'aami']) }),
  ),
  /** The reviewed beats as a table: time, sample, class, confidence, who edited it. */
  'export:beats': call<ExportedFile>()(z.object({ recordingId, format: z.enum(['csv', 'json']) })),
  /** Annotated WFDB records of a folder with their beats per AAMI class (cached per folder). */
  'research:scanFolder': call<FolderScan>()(scanFolderRequest),
  /** Train / validation / test records of a scanned folder, with same-patient warnings. */
  'research:split': call<SplitPlan>()(splitRequest),
  /** Starts a training job in a worker; progress comes as 'task:progress' (taskId = job id). */
  'research:train': call<JobState>()(trainRequest),
  'research:job': call<JobState>()(z.object({ id: jobIdSchema })),
  'research:cancel': call<JobState>()(z.object({ id: jobIdSchema })),
  /** Continues a cancelled or failed job from its last checkpoint (same id; a new run). */
  'research:resume': call<JobState>()(jobRequest),
  /** Every job of this data folder, newest first (kept on disk between launches). */
  'research:jobs': call<JobState[]>()(noArgs),
  /** Evaluates a model on annotated records in a worker; progress as 'task:progress' (taskId 'evaluate:<modelId>'). */
  'research:evaluate': call<EvaluationReport>()(evaluateRequest),
  'models:list': call<ModelSummary[]>()(noArgs),
  /** Makes a model the one the next review analysis uses (settings.json `activeModel`). */
  'models:activate': call<ModelSummary[]>()(z.object({ id: modelIdSchema })),
  'models:delete': call<ModelSummary[]>()(z.object({ id: modelIdSchema })),
  /** Copies the model folder to `to` (default: exports/models in the data folder). */
  'models:export': call<{ path: string }>()(z.object({ id: modelIdSchema, to: pathSchema.optional() })),
  /** Copies a model folder into the models folder after checking its card. */
  'models:import': call<ModelSummary>()(z.object({ path: pathSchema })),
} as const satisfies Record<CallChannelName, { request: z.ZodType; response: unknown }>;

export type CallChannel = keyof typeof CALLS;
export type CallRequest<C extends CallChannel> = z.input<(typeof CALLS)[C]['request']>;
export type CallResponse<C extends CallChannel> = (typeof CALLS)[C]['response'];

/** One-way messages from the services to the renderer. */
export interface EventMap {
  'task:progress': TaskProgress;
  /** A review changed: an analysis step, an edit, an undo or a redo. */
  'review:changed': ReviewStatus;
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
