/**
 * The open recording and the page of it on screen: which record, where the page starts,
 * paper speed and gain, the reference annotator, and the data of the page (signals,
 * annotations) and of the whole record (overview). Page data is loaded through a tile cache
 * (recording-tiles.ts); every load carries a sequence number, and a response that is not
 * the latest request's is dropped, so a slow answer can never overwrite a newer page.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import type { AnnotationMark, RecordingInfo, SignalOverview } from '../../../shared/domain';
import type { ErrorInfo, Result } from '../../../shared/result';
import { DEFAULT_GAIN_MM_PER_MV, DEFAULT_SPEED_MM_PER_SEC, GAINS_MM_PER_MV, SPEEDS_MM_PER_SEC } from '../../../shared/charts/paper';
import { chooseLaneCenterMv, fittedLaneRange, millivoltsPerUnit, voltageLaneRange, laneHeightMm, type LaneRange } from '../../../shared/charts/lanes';
import { parseBaseTime } from '../../../shared/charts/time';
import { yValues } from '../../../shared/charts/types';
import { CallError, RecordingTiles, type PageSignals } from './recording-tiles';
import { afterPageShown, pageLoad } from './page-first';

/** Bins of the overview envelope: about two per pixel of a wide screen. */
export const OVERVIEW_BINS = 2400;

/** A file to upload: a bare name and its bytes in base64. */
export interface UploadFile {
  name: string;
  dataBase64: string;
}

/** Plain error data from anything thrown while loading. */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof CallError) return error.info;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

export const useRecordingStore = defineStore('recording', () => {
  const api = getApi();
  /** The open recording, or null before the first one is opened. */
  const info = shallowRef<RecordingInfo | null>(null);
  const opening = ref(false);
  /** Why the last open or upload failed (null after a success). */
  const openError = ref<ErrorInfo | null>(null);
  /** Why the page could not be loaded (null once a page loads). */
  const pageError = ref<ErrorInfo | null>(null);
  const speedMmPerSec = ref<number>(DEFAULT_SPEED_MM_PER_SEC);
  const gainMmPerMv = ref<number>(DEFAULT_GAIN_MM_PER_MV);
  /** Time at the left edge of the strip, seconds from the start of the record. */
  const startSec = ref(0);
  /**
   * Where the page now drawn starts: `startSec` once that page's signals have arrived. The
   * strip draws from this, so that a page turn draws once, with its own signals, rather
   * than first the old signals at the new place and then again.
   */
  const shownStartSec = ref(0);
  /** Seconds the strip shows; set by the strip from its width and the paper speed. */
  const pageDurationSec = ref(10);
  /** Reference annotator shown on the strip ("atr"), or null for none. */
  const annotator = ref<string | null>(null);
  const signals = shallowRef<PageSignals | null>(null);
  const marks = shallowRef<AnnotationMark[]>([]);
  const loading = ref(false);
  const overview = shallowRef<SignalOverview | null>(null);
  const overviewError = ref<ErrorInfo | null>(null);
  /** Lane centres in mV, kept between pages (hysteresis); null for non-voltage lanes. */
  const laneCentersMv = ref<(number | null)[]>([]);
  let tiles: RecordingTiles | null = null;
  let pageSeq = 0;
  let openSeq = 0;

  const durationSec = computed(() => info.value?.durationSec ?? null);
  const maxStartSec = computed(() => (durationSec.value === null ? Infinity : Math.max(0, durationSec.value - pageDurationSec.value)));
  const baseTimeSec = computed(() => parseBaseTime(info.value?.baseTime ?? null));
  const mvPerUnit = computed(() => (info.value?.signals ?? []).map((s) => millivoltsPerUnit(s.units)));

  /** Y range of each lane at the current gain: mV lanes centred on their baseline. */
  const laneRanges = computed<LaneRange[]>(() =>
    mvPerUnit.value.map((factor, i) => {
      if (factor === null) return fittedLaneRange(yValues(signals.value?.lanes[i] ?? new Float64Array(0)));
      const centre = laneCentersMv.value[i] ?? 0;
      return voltageLaneRange(centre, laneHeightMm(gainMmPerMv.value), gainMmPerMv.value, factor);
    }),
  );

  function updateLaneCenters(keepPrevious: boolean): void {
    laneCentersMv.value = mvPerUnit.value.map((factor, i) => {
      if (factor === null) return null;
      const values = yValues(signals.value?.lanes[i] ?? new Float64Array(0)).map((v) => v * factor);
      return chooseLaneCenterMv(values, gainMmPerMv.value, keepPrevious ? (laneCentersMv.value[i] ?? null) : null);
    });
  }

  /** Takes the answer of an open or upload, unless a later open has been asked for since. */
  async function adopt(result: Result<RecordingInfo>, seq: number): Promise<boolean> {
    if (seq !== openSeq) return false;
    if (!result.ok) {
      openError.value = result.error;
      return false;
    }
    openError.value = null;
    const value = result.value;
    tiles = new RecordingTiles(api, value);
    signals.value = null;
    marks.value = [];
    overview.value = null;
    overviewError.value = null;
    pageError.value = null;
    laneCentersMv.value = [];
    annotator.value = value.annotators.find((a) => a.name === 'atr')?.name ?? value.annotators[0]?.name ?? null;
    startSec.value = 0;
    shownStartSec.value = 0;
    info.value = value;
    void loadOverview(value);
    await refresh();
    return true;
  }

  /** Opens the record whose header is at `path` (on the machine running the services). */
  async function open(path: string): Promise<boolean> {
    const seq = ++openSeq;
    opening.value = true;
    try {
      return await adopt(await api.calls['recording:open']({ path }), seq);
    } finally {
      if (seq === openSeq) opening.value = false;
    }
  }

  /** Sends a record's files (header, signal, annotation files) and opens it. */
  async function upload(files: UploadFile[]): Promise<boolean> {
    const seq = ++openSeq;
    opening.value = true;
    try {
      return await adopt(await api.calls['recording:upload']({ files }), seq);
    } finally {
      if (seq === openSeq) opening.value = false;
    }
  }

  async function loadOverview(target: RecordingInfo): Promise<void> {
    const result = await api.calls['recording:overview']({ recordingId: target.id, signalIndex: 0, bins: OVERVIEW_BINS });
    if (info.value?.id !== target.id) return;
    if (result.ok) overview.value = result.value;
    else overviewError.value = result.error;
  }

  /** Loads the current page (from the cache when it can) and, once it is drawn, prefetches its neighbours. */
  async function refresh(): Promise<void> {
    const current = tiles;
    if (!current) return;
    const seq = ++pageSeq;
    const from = startSec.value;
    const span = pageDurationSec.value;
    const name = annotator.value;
    loading.value = true;
    try {
      const [pageSignals, pageMarks] = await pageLoad(Promise.all([
        current.signals(from, from + span),
        name ? current.marks(name, from, from + span) : Promise.resolve([]),
      ]));
      if (seq !== pageSeq) return;
      signals.value = pageSignals;
      marks.value = pageMarks;
      shownStartSec.value = from;
      pageError.value = null;
      updateLaneCenters(true);
      // Two pages ahead: paging faster than a tile arrives still finds the next one loading
      // early. Once the page is drawn (page-first.ts): not to hold up the page itself.
      afterPageShown('recording', () => {
        if (tiles !== current) return;
        current.prefetch(from + span, from + 3 * span, name);
        current.prefetch(Math.max(0, from - span), from, name);
      });
    } catch (error) {
      if (seq === pageSeq) pageError.value = errorInfoOf(error);
    } finally {
      if (seq === pageSeq) loading.value = false;
    }
  }

  /** Moves the page to start at `sec`, kept inside the record. */
  function goTo(sec: number): void {
    if (!info.value || !Number.isFinite(sec)) return;
    startSec.value = clamp(sec, 0, maxStartSec.value);
  }
  /** Moves by `pages` pages (negative: back; 0.5: half a page). */
  function pageBy(pages: number): void {
    goTo(startSec.value + pages * pageDurationSec.value);
  }
  /** Puts `sec` in the middle of the page. */
  function centerOn(sec: number): void {
    goTo(sec - pageDurationSec.value / 2);
  }
  function goHome(): void {
    goTo(0);
  }
  function goEnd(): void {
    goTo(maxStartSec.value === Infinity ? startSec.value : maxStartSec.value);
  }
  /** Sets how many seconds the strip shows (from its width); keeps the start in range. */
  function setPageDuration(sec: number): void {
    if (!(sec > 0) || Math.abs(sec - pageDurationSec.value) < 1e-9) return;
    pageDurationSec.value = sec;
    goTo(startSec.value);
  }
  function setSpeed(mmPerSec: number): void {
    if ((SPEEDS_MM_PER_SEC as readonly number[]).includes(mmPerSec)) speedMmPerSec.value = mmPerSec;
  }
  function setGain(mmPerMv: number): void {
    if (!(GAINS_MM_PER_MV as readonly number[]).includes(mmPerMv)) return;
    gainMmPerMv.value = mmPerMv;
    updateLaneCenters(false);
  }
  function setAnnotator(name: string | null): void {
    annotator.value = name && info.value?.annotators.some((a) => a.name === name) ? name : null;
  }

  watch([startSec, pageDurationSec, annotator], () => void refresh());

  return {
    info, opening, openError, pageError, speedMmPerSec, gainMmPerMv, startSec, shownStartSec, pageDurationSec, annotator,
    signals, marks, loading, overview, overviewError, durationSec, maxStartSec, baseTimeSec, laneRanges, mvPerUnit,
    open, upload, refresh, goTo, pageBy, centerOn, goHome, goEnd, setPageDuration, setSpeed, setGain, setAnnotator,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRecordingStore, import.meta.hot));
