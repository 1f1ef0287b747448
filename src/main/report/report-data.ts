/**
 * Everything one PDF report shows, as plain data: the services gather it from the open
 * record and its review (src/main/services/report.ts); the PDF is drawn from it alone
 * (pdf/build.ts), so that tests and the benchmark can build reports from made-up data.
 */
import type { ReportFields, SignOff } from '../../shared/report';
import type { BeatAttention, HeatmapMethod, NoiseSpan, ReviewSummary } from '../../shared/review';
import type { StripBeat } from '../../shared/charts/strip-beats';
import type { AuditSummary } from './audit';
import type { CandidateStrip } from './candidates';

/** One signal of a strip: physical values from the strip's start, NaN where invalid. */
export interface StripSignal {
  name: string;
  units: string;
  values: Float64Array;
}

/** A strip to print: 10 s of every signal with the review's beats on it. */
export interface ReportStrip {
  candidate: CandidateStrip;
  /** Frames per second of `values`. */
  frameRateHz: number;
  signals: StripSignal[];
  /** The review's beats within the strip. */
  beats: StripBeat[];
  /** The heatmap of those beats (ReportData.stripHeatmap's method), drawn behind the trace; absent: none. */
  heatmap?: BeatAttention[];
  /** Stretches within the strip the analysis found unreadable (shaded, captioned, no beats); absent: none. */
  noise?: NoiseSpan[];
}

/** The model that classified the beats. */
export interface ReportModel {
  name: string;
  version: string;
  backend: string;
}

/** What the reviewer did, in numbers. */
export interface ReviewFacts {
  /** Beats whose class a reviewer set (relabelled or confirmed), added beats included. */
  reviewedBeats: number;
  addedBeats: number;
  /** Flagged beats (not N, or unsure) nobody has reviewed. */
  unreviewedFlagged: number;
  audit: AuditSummary;
}

/** The whole report. */
export interface ReportData {
  recordName: string;
  fields: ReportFields;
  recording: {
    durationSec: number;
    frameRateHz: number;
    /** Signal names, as the header gives them ("MLII", "V1"). */
    leads: string[];
    /** The header's base time in seconds after midnight, for wall-clock times; null without one. */
    baseTimeSec: number | null;
  };
  summary: ReviewSummary;
  model: ReportModel | null;
  review: ReviewFacts;
  strips: ReportStrip[];
  /** The method of the strips' heatmaps (named in the strips' legend); absent: the strips have none. */
  stripHeatmap?: HeatmapMethod;
  signOff: SignOff;
  generatedAt: Date;
  /** RhythmAttention's version, printed in the footer. */
  appVersion: string;
}
