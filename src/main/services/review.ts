/**
 * The `review:*` handlers and `settings:reviewer`, over the open reviews
 * (review-sessions.ts). Each handler finds the record in the record cache, its review by
 * header path, and answers from the review in memory; the analysis runs in the background.
 */
import type { CallHandlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { ReviewBeat, ReviewEdit, TemplateGroup } from '../../shared/review';
import type { Actor, ReviewDocument, ReviewSession } from '../review';
import type { OpenRecording } from './record-cache';
import { ReviewSessions, type ReviewServiceOptions } from './review-sessions';
import { createReviewerSetting, type ReviewerSetting } from './reviewer-setting';

export type { AnalysisApi, ReviewServiceOptions } from './review-sessions';

/** The handlers this module provides. */
export type ReviewHandlers = Pick<
  CallHandlers,
  | 'review:start'
  | 'review:status'
  | 'review:cancel'
  | 'review:beats'
  | 'review:noise'
  | 'review:rhythm'
  | 'review:attention'
  | 'review:flagged'
  | 'review:step'
  | 'review:edit'
  | 'review:undo'
  | 'review:redo'
  | 'review:audit'
  | 'review:templates'
  | 'review:summary'
  | 'review:adapt'
  | 'review:adaptCancel'
  | 'settings:reviewer'
>;

/** The review handlers plus their lifecycle. */
export interface ReviewService {
  readonly handlers: ReviewHandlers;
  /** The record cache closed the record at `headerPath`: stop and save its review. */
  onEvicted(headerPath: string): Promise<void>;
  /** Stops every analysis and saves every review. */
  close(): Promise<void>;
  /**
   * The open record and its started review, for the services that read a whole review
   * (exports, report). @throws AppError 'recording/not-open', 'review/not-started'
   */
  started(recordingId: string): Promise<{ entry: OpenRecording; session: ReviewSession }>;
}

/** Most seconds one `review:beats` call may span (the contract: at most an hour). */
const MAX_BEATS_SPAN_SEC = 3600;

type Part<K extends keyof ReviewHandlers> = Pick<ReviewHandlers, K>;

function analysisHandlers(sessions: ReviewSessions, cache: ReviewServiceOptions['cache']): Part<'review:start' | 'review:status' | 'review:cancel'> {
  return {
    'review:start': async ({ recordingId }) => {
      const session = await sessions.sessionFor(cache.get(recordingId));
      session.recordingId = recordingId;
      session.resume();
      return session.status();
    },
    'review:status': async ({ recordingId }) => (await sessions.started(recordingId)).session.status(),
    'review:cancel': async ({ recordingId }) => {
      const { session } = await sessions.started(recordingId);
      await session.cancel();
      return session.status();
    },
  };
}

/** Seconds of beats on each side of a heatmap's beats in which a model finds their neighbours (8 or more beats at any heart rate). */
const NEIGHBOUR_SPAN_SEC = 60;

/**
 * The samples of the review's beats around `beats`, for the heatmaps of a model that reads
 * neighbour differences; undefined when the beats span more than a `review:beats` call may.
 */
function neighboursOf(doc: ReviewDocument, beats: readonly ReviewBeat[]): Int32Array | undefined {
  const times = beats.map((b) => b.timeSec);
  const [first, last] = [Math.min(...times), Math.max(...times)];
  if (last - first > MAX_BEATS_SPAN_SEC) return undefined;
  return Int32Array.from(doc.beatsInRange(first - NEIGHBOUR_SPAN_SEC, last + NEIGHBOUR_SPAN_SEC), (b) => b.sample);
}

function queryHandlers(sessions: ReviewSessions): Part<'review:beats' | 'review:noise' | 'review:rhythm' | 'review:attention' | 'review:flagged' | 'review:step' | 'review:audit' | 'review:templates' | 'review:summary'> {
  const templates = new WeakMap<ReviewSession, { revision: number; groups: Promise<TemplateGroup[]> }>();
  return {
    'review:beats': async ({ recordingId, startSec, endSec, confidenceThreshold }) => {
      if (endSec - startSec > MAX_BEATS_SPAN_SEC) {
        throw new AppError('ipc/invalid-argument', `review:beats spans at most ${MAX_BEATS_SPAN_SEC} s; asked for ${endSec - startSec} s.`);
      }
      return (await sessions.started(recordingId)).session.doc.beatsInRange(startSec, endSec, confidenceThreshold);
    },
    'review:noise': async ({ recordingId, startSec, endSec }) => {
      if (endSec - startSec > MAX_BEATS_SPAN_SEC) {
        throw new AppError('ipc/invalid-argument', `review:noise spans at most ${MAX_BEATS_SPAN_SEC} s; asked for ${endSec - startSec} s.`);
      }
      return (await sessions.started(recordingId)).session.doc.noiseInRange(startSec, endSec);
    },
    'review:rhythm': async ({ recordingId, startSec, endSec }) => {
      if (endSec - startSec > MAX_BEATS_SPAN_SEC) {
        throw new AppError('ipc/invalid-argument', `review:rhythm spans at most ${MAX_BEATS_SPAN_SEC} s; asked for ${endSec - startSec} s.`);
      }
      return (await sessions.started(recordingId)).session.doc.irregularInRange(startSec, endSec);
    },
    'review:attention': async ({ recordingId, beatIds, method }) => {
      const { entry, session } = await sessions.started(recordingId);
      const found = beatIds.map((id) => {
        const beat = session.doc.beatById(id);
        if (!beat) throw new AppError('ipc/invalid-argument', `Beat ${id} is not in the review.`);
        return beat;
      });
      if (found.length === 0) return [];
      const beats = found.map(({ id, sample }) => ({ id, sample }));
      const neighbours = neighboursOf(session.doc, found);
      const tools = await sessions.toolsOf(entry);
      return method === 'grad-cam' ? tools.gradCam(beats, neighbours) : tools.attention(beats, neighbours);
    },
    'review:flagged': async ({ recordingId, sort, offset, limit, ...filter }) =>
      (await sessions.started(recordingId)).session.doc.flagged(filter, sort, offset, limit),
    'review:step': async ({ recordingId, fromSec, direction, ...filter }) =>
      (await sessions.started(recordingId)).session.doc.step(filter, fromSec, direction),
    'review:audit': async ({ recordingId }) => [...(await sessions.started(recordingId)).session.doc.history.audit],
    'review:templates': async ({ recordingId }) => {
      const { entry, session } = await sessions.started(recordingId);
      const { doc } = session;
      const cached = templates.get(session);
      if (cached?.revision === doc.revision) return cached.groups;
      const groups = sessions.toolsOf(entry).then((tools) => tools.templates(doc.templateBeats()));
      templates.set(session, { revision: doc.revision, groups });
      groups.catch(() => templates.delete(session));
      return groups;
    },
    'review:summary': async ({ recordingId }) => (await sessions.started(recordingId)).session.doc.summary(recordingId),
  };
}

function editHandlers(sessions: ReviewSessions, reviewer: ReviewerSetting, now: () => Date): Part<'review:edit' | 'review:undo' | 'review:redo' | 'settings:reviewer'> {
  const actor = async (): Promise<Actor> => ({ reviewer: await reviewer.get(), at: now() });
  /** Puts an added beat on the R peak within ±100 ms (src/main/analysis snapToPeak). */
  const resolve = async (entry: OpenRecording, edit: ReviewEdit): Promise<ReviewEdit> => {
    if (edit.kind !== 'add') return edit;
    if (edit.sample >= entry.record.frameCount) {
      throw new AppError('review/invalid-edit', `Cannot add a beat at sample ${edit.sample}: the record has ${entry.record.frameCount} samples.`);
    }
    return { ...edit, sample: await (await sessions.toolsOf(entry)).snapToPeak(edit.sample) };
  };
  return {
    'review:edit': async ({ recordingId, edit }) => {
      const { entry, session } = await sessions.started(recordingId);
      const resolved = await resolve(entry, edit);
      const beatIds = session.edit(resolved, await actor());
      return { status: session.status(), beatIds };
    },
    'review:undo': async ({ recordingId }) => {
      const { session } = await sessions.started(recordingId);
      const beatIds = session.undo(await actor());
      return { status: session.status(), beatIds };
    },
    'review:redo': async ({ recordingId }) => {
      const { session } = await sessions.started(recordingId);
      const beatIds = session.redo(await actor());
      return { status: session.status(), beatIds };
    },
    'settings:reviewer': async ({ name }) => ({ name: name === undefined ? await reviewer.get() : await reviewer.set(name.trim()) }),
  };
}

/** Patient adaptation (issue 9): starts in the background; progress comes as 'review:changed' and 'task:progress'. */
function adaptHandlers(sessions: ReviewSessions, reviewer: ReviewerSetting, now: () => Date): Part<'review:adapt' | 'review:adaptCancel'> {
  return {
    'review:adapt': async ({ recordingId, epochs }) => {
      const { session } = await sessions.started(recordingId);
      session.adapt({ reviewer: await reviewer.get(), at: now() }, epochs);
      return session.status();
    },
    'review:adaptCancel': async ({ recordingId }) => {
      const { session } = await sessions.started(recordingId);
      await session.cancelAdaptation();
      return session.status();
    },
  };
}

/** The review handlers over the reviews `sessions` holds. */
export function createReviewHandlers(sessions: ReviewSessions, options: ReviewServiceOptions): ReviewHandlers {
  const reviewer = createReviewerSetting(options.dataDir);
  return {
    ...analysisHandlers(sessions, options.cache),
    ...queryHandlers(sessions),
    ...editHandlers(sessions, reviewer, options.now ?? (() => new Date())),
    ...adaptHandlers(sessions, reviewer, options.now ?? (() => new Date())),
  };
}

/** Builds the review handlers over the record cache, with their lifecycle. */
export function createReviewService(options: ReviewServiceOptions): ReviewService {
  const sessions = new ReviewSessions(options);
  return {
    handlers: createReviewHandlers(sessions, options),
    onEvicted: (headerPath) => sessions.close(headerPath),
    close: () => sessions.closeAll(),
    started: (recordingId) => sessions.started(recordingId),
  };
}
