/**
 * Plain data of reports and exports: the fields a clinician fills in before signing, the
 * strips the report can show, and the files that leave the app (PDF report, WFDB
 * annotation file, CSV/JSON beat tables). Shared by the services (src/main/report,
 * src/main/export) and the renderer; no Electron, Node or DOM types here.
 */
import { HEATMAP_METHODS, type BeatLabel } from './review';

/** Recording and patient fields printed at the top of the report; prefilled from the header. */
export interface ReportFields {
  patientName: string;
  patientId: string;
  /** Free text ("69"), as headers give it. */
  age: string;
  sex: string;
  medications: string;
  /** Why the recording was made. */
  indication: string;
  /** Recording start as the header gives it ("HH:MM:SS DD/MM/YYYY"), or empty. */
  recordedAt: string;
  /** Clinical comments (header comments the reviewer may edit). */
  comments: string;
}

/** A strip the report can print: 10 s of ECG around a beat or an event. */
export interface StripCandidate {
  /** Stable for the draft: the renderer sends back the ids it keeps. */
  id: string;
  kind: 'first-of-class' | 'event' | 'flagged';
  /** The class of the beat, or the ectopic class of the event. */
  label: BeatLabel | null;
  startSec: number;
  durationSec: number;
  /** "First V beat", "Ventricular run of 5 beats", "Pause 2.4 s". */
  description: string;
  /** Chosen by default (the first beat of each class and every run and pause, capped). */
  selected: boolean;
}

/**
 * What the sample strips show behind the trace: nothing (the default), or each beat's
 * heatmap by one of the review's methods (attention or Grad-CAM), as on the screen.
 */
export const STRIP_HEATMAPS = ['none', ...HEATMAP_METHODS] as const;
export type StripHeatmap = (typeof STRIP_HEATMAPS)[number];

/** What the report form starts from. */
export interface ReportDraft {
  recordingId: string;
  fields: ReportFields;
  candidates: StripCandidate[];
  reviewer: string;
  /** The review must be complete (analysis done) before a report is signed. */
  analysisDone: boolean;
}

/** The reviewer's sign-off. */
export interface SignOff {
  reviewer: string;
  /** Conclusion printed above the signature. */
  conclusion: string;
  /** Whether the reviewer signs; an unsigned report says "DRAFT — not signed" on every page. */
  signed: boolean;
}

/** A file the services wrote for the user (in the data folder's exports/), with its bytes for a browser download. */
export interface ExportedFile {
  fileName: string;
  /** Where the services wrote it. */
  path: string;
  mimeType: string;
  sizeBytes: number;
  dataBase64: string;
}

/** Symbols written in an exported annotation file. */
export type AnnotationSymbols = 'mit' | 'aami';
