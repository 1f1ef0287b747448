/**
 * `report:draft` and `report:create`: the PDF report of a reviewed recording. The draft
 * prefills the form from the record's header and offers the strips to print; create
 * gathers the review's numbers, the chosen strips' samples and beats (and, on request, their
 * attention or Grad-CAM heatmap, from 'review:attention'), builds the PDF in
 * memory (src/main/report) and writes it atomically to <dataDir>/exports/ as
 * `<record>-report-<yyyymmdd-hhmmss>.pdf`, returning its bytes too (for a browser download).
 */
import type { CallHandlers } from '../../shared/api';
import { parseBaseTime } from '../../shared/charts/time';
import { AppError } from '../../shared/errors';
import type { CallRequest } from '../../shared/ipc-contract';
import type { BeatAttention, BeatLabel, ReviewBeat } from '../../shared/review';
import { buildReportPdf, chooseCandidates, fileStamp, MAX_FLAGGED_CANDIDATES, prefillFields, summariseAudit, type CandidateStrip, type FocusBeat, type ReportData, type ReportStrip, type ReviewFacts } from '../report';
import type { ReviewSession } from '../review';
import { requireCompleteReview, safeFileStem, writeExport } from './export-files';
import type { OpenRecording } from './record-cache';
import type { ReviewService } from './review';
import { readWindow } from './signal-window';

/** Beats per heatmap request (the contract's limit on 'review:attention'). */
const MAX_HEATMAP_BEATS = 400;

/** The handlers this module provides. */
export type ReportHandlers = Pick<CallHandlers, 'report:draft' | 'report:create'>;

/** What the report services need. */
export interface ReportServiceOptions {
  dataDir: string;
  /** The review services (the open reviews and the reviewer's name). */
  review: Pick<ReviewService, 'started' | 'handlers'>;
  /** RhythmAttention's version, printed in the footer. */
  version: string;
  now?: () => Date;
}

/** Length of the open record, seconds. */
function recordSeconds(entry: OpenRecording): number {
  return entry.record.frameCount / entry.record.frameRateHz;
}

/** One pass over the shown beats: the first of each class, and what the reviewer set. */
function scanBeats(session: ReviewSession): { firstOfClass: Partial<Record<BeatLabel, FocusBeat>>; reviewed: number; added: number } {
  const firstOfClass: Partial<Record<BeatLabel, FocusBeat>> = {};
  let [reviewed, added] = [0, 0];
  for (const beat of session.doc.beatsInRange(0, Number.POSITIVE_INFINITY)) {
    firstOfClass[beat.label] ??= beat;
    if (beat.reviewed || beat.added) reviewed++;
    if (beat.added) added++;
  }
  return { firstOfClass, reviewed, added };
}

function candidatesOf(entry: OpenRecording, session: ReviewSession, firstOfClass: Partial<Record<BeatLabel, FocusBeat>>): CandidateStrip[] {
  const { doc } = session;
  return chooseCandidates({
    durationSec: recordSeconds(entry),
    firstOfClass,
    events: doc.summary(session.recordingId).events,
    flagged: doc.flagged({ unreviewedOnly: true }, 'confidence', 0, MAX_FLAGGED_CANDIDATES).beats,
  });
}

/** The strips the request names, in time order. @throws AppError 'ipc/invalid-argument' for an id not offered */
function pickStrips(candidates: readonly CandidateStrip[], ids: readonly string[], record: string): CandidateStrip[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const picked = [...new Set(ids)].map((id) => {
    const candidate = byId.get(id);
    if (!candidate) throw new AppError('ipc/invalid-argument', `${record}: strip "${id}" is not one the report offers (the review changed since the form was opened?); reopen the report form.`, { stripId: id });
    return candidate;
  });
  return picked.sort((a, b) => a.startSec - b.startSec);
}

/** Asks the review for the heatmap of some beats (the services' own 'review:attention', at most its 400 beats a call). */
type HeatmapSource = (beatIds: number[]) => Promise<BeatAttention[]>;

async function readStrip(entry: OpenRecording, session: ReviewSession, candidate: CandidateStrip, heatmapOf: HeatmapSource | null): Promise<ReportStrip> {
  const window = await readWindow(entry.id, entry.record, { recordingId: entry.id, startSec: candidate.startSec, durationSec: candidate.durationSec });
  const endSec = candidate.startSec + candidate.durationSec;
  const beats = session.doc.beatsInRange(candidate.startSec, endSec);
  const noise = session.doc.noiseInRange(candidate.startSec, endSec);
  const heatmap: BeatAttention[] = [];
  for (let i = 0; heatmapOf && i < beats.length; i += MAX_HEATMAP_BEATS) heatmap.push(...(await heatmapOf(beats.slice(i, i + MAX_HEATMAP_BEATS).map((b) => b.id))));
  return {
    candidate,
    frameRateHz: window.frameRateHz,
    signals: window.signals.map((s) => ({ name: s.name, units: s.units, values: Float64Array.from(s.values, (v) => v ?? Number.NaN) })),
    beats: beats.map((b: ReviewBeat) => ({ id: b.id, timeSec: b.timeSec, label: b.label, reviewed: b.reviewed, added: b.added, flagged: b.flagged })),
    ...(heatmapOf ? { heatmap } : {}),
    ...(noise.length > 0 ? { noise } : {}),
  };
}

/** Everything the PDF shows, from the open record and its complete review. */
async function gatherReport(entry: OpenRecording, session: ReviewSession, request: CallRequest<'report:create'>, reviews: ReportServiceOptions['review'], version: string, now: Date): Promise<ReportData> {
  const { doc } = session;
  const scan = scanBeats(session);
  const candidates = candidatesOf(entry, session, scan.firstOfClass);
  const method = request.stripHeatmap === undefined || request.stripHeatmap === 'none' ? null : request.stripHeatmap;
  const heatmapOf: HeatmapSource | null = method && ((beatIds) => reviews.handlers['review:attention']({ recordingId: request.recordingId, beatIds, method }));
  const strips: ReportStrip[] = [];
  for (const c of pickStrips(candidates, request.stripIds, entry.info.recordName)) strips.push(await readStrip(entry, session, c, heatmapOf));
  const review: ReviewFacts = {
    reviewedBeats: scan.reviewed,
    addedBeats: scan.added,
    unreviewedFlagged: doc.flagged({ unreviewedOnly: true }, 'time', 0, 1).total,
    audit: summariseAudit(doc.history.audit),
  };
  return {
    recordName: entry.info.recordName,
    fields: request.fields,
    recording: {
      durationSec: recordSeconds(entry),
      frameRateHz: entry.info.frameRateHz,
      leads: entry.info.signals.map((s) => s.name),
      baseTimeSec: parseBaseTime(entry.info.baseTime),
    },
    summary: doc.summary(session.recordingId),
    model: doc.model,
    review,
    strips,
    ...(method ? { stripHeatmap: method } : {}),
    signOff: request.signOff,
    generatedAt: now,
    appVersion: version,
  };
}

/** The report file's name: `<record>-report-<yyyymmdd-hhmmss>.pdf`, the record name made safe for any file system. */
export function reportFileName(recordName: string, at: Date): string {
  return `${safeFileStem(recordName)}-report-${fileStamp(at)}.pdf`;
}

/** The `report:*` handlers over the open reviews. */
export function createReportHandlers(options: ReportServiceOptions): ReportHandlers {
  const now = options.now ?? (() => new Date());
  return {
    'report:draft': async ({ recordingId }) => {
      const { entry, session } = await options.review.started(recordingId);
      const { firstOfClass } = scanBeats(session);
      const { info } = entry;
      return {
        recordingId,
        fields: prefillFields({ comments: info.comments, baseTime: info.baseTime, baseDate: info.baseDate }),
        candidates: candidatesOf(entry, session, firstOfClass).map(({ focusBeatId: _f, event: _e, ...candidate }) => candidate),
        reviewer: (await options.review.handlers['settings:reviewer']({})).name,
        analysisDone: session.status().state === 'done' && session.doc.complete,
      };
    },
    'report:create': async (request) => {
      const { entry, session } = await options.review.started(request.recordingId);
      requireCompleteReview(entry, session, 'report');
      const at = now();
      const data = await gatherReport(entry, session, request, options.review, options.version, at);
      const bytes = await buildReportPdf(data);
      return writeExport(options.dataDir, reportFileName(entry.info.recordName, at), 'application/pdf', bytes);
    },
  };
}
