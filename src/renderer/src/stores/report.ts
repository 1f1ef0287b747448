/**
 * The report form and the exports of the open recording. The form starts from the
 * services' draft (`report:draft`: fields from the header, candidate strips with the
 * default choice, the reviewer); what the reviewer types is kept while the dialog is
 * closed and reopened on the same recording, and each opening refreshes the candidates
 * (edits change them). "Create PDF" (`report:create`) and the exports (`export:*`) write
 * the file in the data folder and hand it to the browser as a download.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import type { AnnotationSymbols, ExportedFile, ReportFields, StripCandidate, StripHeatmap } from '../../../shared/report';
import type { ErrorInfo, Result } from '../../../shared/result';
import { useRecordingStore } from './recording';
import { useReviewStore } from './review';
import { downloadFile } from './report-download';

/** A file the services wrote, as the UI reports it (the bytes went to the download). */
export interface SavedFile {
  fileName: string;
  path: string;
  sizeBytes: number;
}

/** What the export menu can write. */
export type ExportKind = 'annotations' | 'csv' | 'json';

/** Most strips one report prints (the contract's limit). */
export const MAX_REPORT_STRIPS = 24;
/** An annotator name is a file extension (the contract's pattern). */
export const ANNOTATOR_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The draft's fields, except those the reviewer changed (from `before`) while it loaded. */
export function typedOver(draft: ReportFields, before: ReportFields, now: ReportFields): ReportFields {
  const out = { ...draft };
  for (const key of Object.keys(draft) as (keyof ReportFields)[]) if (now[key] !== before[key]) out[key] = now[key];
  return out;
}

function emptyFields(): ReportFields {
  return { patientName: '', patientId: '', age: '', sex: '', medications: '', indication: '', recordedAt: '', comments: '' };
}

function savedFile(file: ExportedFile): SavedFile {
  return { fileName: file.fileName, path: file.path, sizeBytes: file.sizeBytes };
}

export const useReportStore = defineStore('report', () => {
  const api = getApi();
  const recording = useRecordingStore();
  const review = useReviewStore();

  /** The recording the form was filled for; null before the first draft. */
  const formFor = ref<string | null>(null);
  const fields = ref<ReportFields>(emptyFields());
  const candidates = shallowRef<StripCandidate[]>([]);
  const stripIds = ref<string[]>([]);
  /** The heatmap behind the sample strips' traces ('none' by default). */
  const stripHeatmap = ref<StripHeatmap>('none');
  const conclusion = ref('');
  const reviewerName = ref('');
  const signed = ref(false);
  const loadingDraft = ref(false);
  const creating = ref(false);
  /** Why the last draft or create call failed, and which of the two it was. */
  const reportError = ref<ErrorInfo | null>(null);
  const reportErrorStage = ref<'draft' | 'create'>('draft');
  const created = ref<SavedFile | null>(null);

  const annotator = ref('rev');
  const symbols = ref<AnnotationSymbols>('mit');
  const exporting = ref<ExportKind | null>(null);
  const exportError = ref<ErrorInfo | null>(null);
  const exported = ref<SavedFile | null>(null);

  const recordingId = computed(() => recording.info?.id ?? null);
  const annotatorValid = computed(() => ANNOTATOR_PATTERN.test(annotator.value));
  /** The analysis has run to the end of the record (reports and exports need the whole record). */
  const analysisDone = computed(() => review.status?.state === 'done');

  watch(recordingId, () => {
    created.value = null;
    exported.value = null;
    exportError.value = null;
    reportError.value = null;
  });

  /** Fetches the draft; a form already filled for this recording keeps its text, and its strip choice where the strips are still offered. */
  async function loadDraft(): Promise<void> {
    const id = recordingId.value;
    if (!id) return;
    loadingDraft.value = true;
    reportError.value = null;
    // Until the draft comes (or if it fails), the form of a new recording signs with the reviewer's name.
    if (formFor.value !== id && !reviewerName.value) reviewerName.value = review.reviewer;
    // What the reviewer types while the draft is on its way wins over the draft's prefill.
    const before = { ...fields.value };
    try {
      const result = await api.calls['report:draft']({ recordingId: id });
      if (recordingId.value !== id) return;
      if (!result.ok) {
        reportError.value = result.error;
        reportErrorStage.value = 'draft';
        return;
      }
      const draft = result.value;
      const offered = new Set(draft.candidates.map((c) => c.id));
      const same = formFor.value === id;
      candidates.value = draft.candidates;
      stripIds.value = same ? stripIds.value.filter((s) => offered.has(s)) : draft.candidates.filter((c) => c.selected).map((c) => c.id);
      if (!same) {
        fields.value = typedOver(draft.fields, before, fields.value);
        conclusion.value = '';
        signed.value = false;
        reviewerName.value = draft.reviewer || review.reviewer;
        created.value = null;
      }
      formFor.value = id;
    } finally {
      loadingDraft.value = false;
    }
  }

  /** Downloads and notes a file a call returned; notes the error otherwise. */
  function take(result: Result<ExportedFile>, onError: (error: ErrorInfo) => void): SavedFile | null {
    if (!result.ok) {
      onError(result.error);
      return null;
    }
    downloadFile(result.value);
    return savedFile(result.value);
  }

  /** Creates the PDF report from the form and downloads it; resolves to whether it worked. */
  async function createReport(): Promise<boolean> {
    const id = recordingId.value;
    if (!id || creating.value) return false;
    creating.value = true;
    reportError.value = null;
    try {
      const result = await api.calls['report:create']({
        recordingId: id,
        fields: { ...fields.value },
        stripIds: [...stripIds.value],
        stripHeatmap: stripHeatmap.value,
        signOff: { reviewer: reviewerName.value.trim(), conclusion: conclusion.value, signed: signed.value },
      });
      created.value = take(result, (error) => {
        reportError.value = error;
        reportErrorStage.value = 'create';
      });
      return created.value !== null;
    } finally {
      creating.value = false;
    }
  }

  /** Writes and downloads one export of the reviewed beats. */
  async function exportBeats(kind: ExportKind): Promise<void> {
    const id = recordingId.value;
    if (!id || exporting.value) return;
    exporting.value = kind;
    exportError.value = null;
    exported.value = null;
    try {
      const result =
        kind === 'annotations'
          ? await api.calls['export:annotations']({ recordingId: id, annotator: annotator.value, symbols: symbols.value })
          : await api.calls['export:beats']({ recordingId: id, format: kind });
      exported.value = take(result, (error) => (exportError.value = error));
    } finally {
      exporting.value = null;
    }
  }

  return {
    fields,
    candidates,
    stripIds,
    stripHeatmap,
    conclusion,
    reviewerName,
    signed,
    loadingDraft,
    creating,
    reportError,
    reportErrorStage,
    created,
    annotator,
    symbols,
    exporting,
    exportError,
    exported,
    annotatorValid,
    analysisDone,
    loadDraft,
    createReport,
    exportBeats,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReportStore, import.meta.hot));
