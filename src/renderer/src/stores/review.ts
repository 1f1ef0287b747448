/**
 * The review of the open recording: where the background analysis stands, the beats of the
 * page on screen (with a margin), the selected beat, the flagged-beat filter, the heatmap
 * (attention or Grad-CAM), and the reviewer's edits (relabel, add, delete, undo, redo: review-edits.ts).
 *
 * Opening a recording starts its review (`review:start`); the status then follows the
 * 'review:changed' event, with a slow poll of `review:status` while the analysis runs in
 * case an event is missed. Beats are loaded through a per-revision tile cache
 * (review-beats.ts): a page move loads at once, a new revision from the analysis at most
 * every REFETCH_MS, an edit at once. Every load carries a sequence number and a late
 * answer for an older request is dropped.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import {
  DEFAULT_CONFIDENCE_THRESHOLD,
  type BeatAttention,
  type FlaggedFilter,
  type HeatmapMethod,
  type IrregularSpan,
  type NoiseSpan,
  type ReviewBeat,
  type ReviewStatus,
} from '../../../shared/review';
import type { ErrorInfo } from '../../../shared/result';
import { formatClock } from '../../../shared/charts/time';
import { errorInfoOf, useRecordingStore } from './recording';
import { ReviewBeatCache } from './review-beats';
import { CallError } from './recording-tiles';
import { unchangedBeforeSec } from './review-revisions';
import { afterPageShown, pageLoad } from './page-first';
import { AttentionCache } from './review-attention';
import { createReviewEdits } from './review-edits';

/** Least time between two beat reloads caused by the analysis moving on, ms. */
export const REFETCH_MS = 400;
/** Poll of `review:status` while the analysis runs (a backstop for missed events), ms. */
const POLL_MS = 1000;

/** Whether two lists of stretches (noise, irregular rhythm) are the same (so the strip is not redrawn for an equal copy). */
function sameSpans(a: readonly NoiseSpan[], b: readonly NoiseSpan[]): boolean {
  return a.length === b.length && a.every((s, i) => s.startSec === b[i]?.startSec && s.endSec === b[i]?.endSec);
}

export const useReviewStore = defineStore('review', () => {
  const api = getApi();
  const recording = useRecordingStore();

  /** Null before `review:start` has answered for the open recording. */
  const status = shallowRef<ReviewStatus | null>(null);
  /** Beats of the visible page plus half a page each side, in time order. */
  const beats = shallowRef<ReviewBeat[]>([]);
  /** Noise stretches (no beats analysed there) over the same span as `beats`, in time order. */
  const noise = shallowRef<NoiseSpan[]>([]);
  /** Stretches of irregular rhythm (`review:rhythm`) over the same span as `beats`, in time order. */
  const irregular = shallowRef<IrregularSpan[]>([]);
  /** The span [from, to) seconds the last finished beat load covered (null before the first): the strip waits for it. */
  const beatsSpan = shallowRef<{ from: number; to: number } | null>(null);
  const selectedBeatId = ref<number | null>(null);
  /** The selected beat as last seen, so the inspector keeps it while its page loads. */
  const lastSelected = shallowRef<ReviewBeat | null>(null);
  /** Shared by the flagged list and the next/previous-flagged keys. */
  const flaggedFilter = ref<FlaggedFilter>({});
  const confidenceThreshold = ref(DEFAULT_CONFIDENCE_THRESHOLD);
  const showHeatmap = ref(false);
  /** What the heatmap shows: the model's attention or its Grad-CAM map. */
  const heatmapMethod = ref<HeatmapMethod>('attention');
  const showReference = ref(true);
  const reviewer = ref('');
  /** Heatmap of the visible beats by `heatmapMethod` (when the heatmap is on; empty while a switch of method loads). */
  const attention = shallowRef<BeatAttention[]>([]);
  /** Time under the mouse on the strip, or null: where the add-beat key adds. */
  const cursorSec = ref<number | null>(null);
  /** A short message for the reviewer ("No flagged beat after 0:12:03"), cleared by the next action. */
  const notice = ref<string | null>(null);
  /** Why the last call failed, or null. */
  const error = ref<ErrorInfo | null>(null);
  /** An edit, undo or redo is on its way. */
  const busy = ref(false);

  const revision = computed(() => status.value?.revision ?? 0);
  const selectedBeat = computed<ReviewBeat | null>(() => {
    const id = selectedBeatId.value;
    if (id === null) return null;
    return beats.value.find((b) => b.id === id) ?? (lastSelected.value?.id === id ? lastSelected.value : null);
  });
  const recordingId = computed(() => recording.info?.id ?? null);
  /** The beats inside the page on screen. */
  const pageBeats = computed(() => {
    const from = recording.startSec;
    const to = from + recording.pageDurationSec;
    return beats.value.filter((b) => b.timeSec >= from && b.timeSec <= to);
  });

  let beatCache: ReviewBeatCache | null = null;
  let attentionCache: AttentionCache | null = null;
  let beatSeq = 0;
  let lastRevisionLoad = 0;
  let revisionTimer: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;

  function fail(info: ErrorInfo): void {
    error.value = info;
    notice.value = info.message;
  }

  /** Takes a status for the open recording unless it is older than the one held. */
  function adoptStatus(next: ReviewStatus): void {
    if (next.recordingId !== recordingId.value) return;
    const held = status.value;
    if (held && held.recordingId === next.recordingId && next.revision < held.revision) return;
    // An edit on its way may land in any revision: then nothing is carried over.
    if (held && beatCache && next.revision > held.revision && !busy.value) {
      const validBeforeSec = unchangedBeforeSec(held, next);
      if (validBeforeSec > 0) beatCache.carryOver(held.revision, next.revision, confidenceThreshold.value, validBeforeSec);
    }
    status.value = next;
  }

  async function start(id: string): Promise<void> {
    const result = await api.calls['review:start']({ recordingId: id });
    if (recordingId.value !== id) return;
    if (result.ok) adoptStatus(result.value);
    else fail(result.error);
  }

  async function poll(): Promise<void> {
    const id = recordingId.value;
    if (!id) return;
    const result = await api.calls['review:status']({ recordingId: id });
    if (result.ok) adoptStatus(result.value);
  }

  /**
   * The stretches of irregular rhythm over [from, to). Not cached with the beat tiles: they
   * depend on the beats up to about 100 beats beyond a tile, which an analysis step can add
   * after a tile was carried over; the services answer from the beats around the span alone.
   */
  async function irregularSpans(recordingId: string, from: number, to: number): Promise<IrregularSpan[]> {
    const result = await api.calls['review:rhythm']({ recordingId, startSec: from, endSec: to });
    if (!result.ok) throw new CallError(result.error);
    return result.value;
  }

  /** Loads the beats of the page (from the cache when it can) and, once it is drawn, prefetches the neighbours. */
  async function loadBeats(): Promise<void> {
    const cache = beatCache;
    if (!cache || status.value?.recordingId !== cache.recordingId) return;
    const seq = ++beatSeq;
    const span = recording.pageDurationSec;
    const from = Math.max(0, recording.startSec - span / 2);
    const to = recording.startSec + 1.5 * span;
    const rev = revision.value;
    const threshold = confidenceThreshold.value;
    try {
      const [list, spans, rhythm] = await pageLoad(Promise.all([cache.beats(from, to, rev, threshold), cache.noise(from, to, rev, threshold), irregularSpans(cache.recordingId, from, to)]));
      if (seq !== beatSeq) return;
      if (!sameSpans(spans, noise.value)) noise.value = spans;
      if (!sameSpans(rhythm, irregular.value)) irregular.value = rhythm;
      // Same beats (an analysis step after the page, tiles carried over): keep the array, so
      // the strip is not redrawn a few times a second while the analysis runs.
      if (list.length !== beats.value.length || list.some((b, i) => b !== beats.value[i])) beats.value = list;
      beatsSpan.value = { from, to };
      const selected = list.find((b) => b.id === selectedBeatId.value);
      if (selected) lastSelected.value = selected;
      // A selected beat that should be in this span but is not has been deleted (or an add undone).
      else if (lastSelected.value && lastSelected.value.timeSec >= from && lastSelected.value.timeSec < to) select(null);
      afterPageShown('review', () => {
        // A prefetch for an older revision would empty the cache of the newer one.
        if (cache !== beatCache || rev !== revision.value || threshold !== confidenceThreshold.value) return;
        cache.prefetch(to, to + span, rev, threshold);
        cache.prefetch(Math.max(0, from - span), from, rev, threshold);
      });
      void loadAttention();
    } catch (caught) {
      if (seq !== beatSeq) return;
      // The strip must not wait for beats that will not come.
      beatsSpan.value = { from, to };
      fail(errorInfoOf(caught));
    }
  }

  /** Reloads after a new revision, at most once every REFETCH_MS (leading and trailing). */
  function loadBeatsThrottled(): void {
    if (revisionTimer) return;
    const wait = REFETCH_MS - (Date.now() - lastRevisionLoad);
    const run = () => {
      revisionTimer = null;
      lastRevisionLoad = Date.now();
      void loadBeats();
    };
    if (wait <= 0) run();
    else revisionTimer = setTimeout(run, wait);
  }

  async function loadAttention(): Promise<void> {
    const cache = attentionCache;
    if (!showHeatmap.value || !cache) return;
    const wanted = pageBeats.value;
    const method = heatmapMethod.value;
    try {
      const list = await cache.get(wanted.map((b) => b.id), method);
      if (cache === attentionCache && showHeatmap.value && method === heatmapMethod.value) attention.value = list;
    } catch (caught) {
      fail(errorInfoOf(caught));
    }
  }

  function reset(): void {
    if (revisionTimer) clearTimeout(revisionTimer);
    revisionTimer = null;
    status.value = null;
    beats.value = [];
    noise.value = [];
    irregular.value = [];
    beatsSpan.value = null;
    attention.value = [];
    selectedBeatId.value = null;
    lastSelected.value = null;
    notice.value = null;
    error.value = null;
    beatSeq++;
  }

  watch(recordingId, (id) => {
    reset();
    const info = recording.info;
    beatCache = id && info ? new ReviewBeatCache(api, id, info.durationSec) : null;
    attentionCache = id ? new AttentionCache(api, id) : null;
    if (id) void start(id);
  }, { immediate: true });

  api.on('review:changed', adoptStatus);

  watch(() => status.value?.state === 'running', (running) => {
    if (running && !pollTimer) pollTimer = setInterval(() => void poll(), POLL_MS);
    if (!running && pollTimer) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  });
  // Sources listed apart, so that each is compared on its own (a getter returning a new
  // array would fire on every status change and bypass the throttle below).
  watch([() => recording.startSec, () => recording.pageDurationSec, confidenceThreshold, () => status.value !== null], () => void loadBeats());
  watch(revision, () => loadBeatsThrottled());
  watch(showHeatmap, (on) => {
    if (on) void loadAttention();
    else attention.value = [];
  });
  // The other method's map is not shown meanwhile: the strip never labels one map with the other's name.
  watch(heatmapMethod, () => {
    attention.value = [];
    void loadAttention();
  });

  /** Switches the heatmap between attention and Grad-CAM, and shows it. */
  function switchHeatmapMethod(): void {
    heatmapMethod.value = heatmapMethod.value === 'attention' ? 'grad-cam' : 'attention';
    showHeatmap.value = true;
  }

  /** Selects a beat (null: none). */
  function select(beat: ReviewBeat | null): void {
    selectedBeatId.value = beat?.id ?? null;
    lastSelected.value = beat;
  }

  /** Centres the strip on a beat and selects it. */
  function jumpToBeat(beat: { id: number; timeSec: number }): void {
    selectedBeatId.value = beat.id;
    lastSelected.value = 'label' in beat ? (beat as ReviewBeat) : (beats.value.find((b) => b.id === beat.id) ?? null);
    recording.centerOn(beat.timeSec);
  }

  /** Centres the strip on a time. */
  function jumpToTime(timeSec: number): void {
    recording.centerOn(timeSec);
  }

  /** Moves the page so that `beat` is on it, centring it when it is near or past an edge. */
  function keepVisible(beat: ReviewBeat): void {
    const edge = recording.pageDurationSec * 0.05;
    if (beat.timeSec < recording.startSec + edge || beat.timeSec > recording.startSec + recording.pageDurationSec - edge) {
      recording.centerOn(beat.timeSec);
    }
  }

  /** Selects the previous (−1) or next (1) beat; with none selected on the page, the first or last of the page. */
  function stepBeat(direction: 1 | -1): void {
    notice.value = null;
    const current = selectedBeat.value;
    const onPage = current !== null && pageBeats.value.some((b) => b.id === current.id);
    let target: ReviewBeat | undefined;
    if (!onPage || !current) {
      const page = pageBeats.value;
      target = direction === 1 ? page[0] : page[page.length - 1];
    } else {
      target = beats.value[beats.value.findIndex((b) => b.id === current.id) + direction];
    }
    if (!target) {
      if (beats.value.length > 0) recording.pageBy(direction * 0.5);
      return;
    }
    select(target);
    keepVisible(target);
  }

  /** The flagged filter as the services take it (no empty label list, the threshold filled in). */
  function filterArgs(): FlaggedFilter {
    const f = flaggedFilter.value;
    return {
      ...(f.labels && f.labels.length > 0 ? { labels: [...f.labels] } : {}),
      ...(f.maxConfidence !== undefined ? { maxConfidence: f.maxConfidence } : {}),
      ...(f.unreviewedOnly ? { unreviewedOnly: true } : {}),
      confidenceThreshold: f.confidenceThreshold ?? confidenceThreshold.value,
    };
  }

  /** Jumps to the next (1) or previous (−1) flagged beat matching the filter, from the selection or the page. */
  async function stepFlagged(direction: 1 | -1): Promise<void> {
    const id = recordingId.value;
    if (!id) return;
    notice.value = null;
    const current = selectedBeat.value;
    const onPage = current !== null && pageBeats.value.some((b) => b.id === current.id);
    const fromSec = onPage && current ? current.timeSec : direction === 1 ? recording.startSec - 1e-6 : recording.startSec + recording.pageDurationSec;
    const result = await api.calls['review:step']({ recordingId: id, ...filterArgs(), fromSec, direction });
    if (recordingId.value !== id) return;
    if (!result.ok) return fail(result.error);
    if (result.value) jumpToBeat(result.value);
    else notice.value = `No flagged beat ${direction === 1 ? 'after' : 'before'} ${formatClock(fromSec)} matches the filter.`;
  }

  const edits = createReviewEdits({
    api, recording, recordingId, status, beats, selectedBeatId, cursorSec, notice, error, busy, select, fail, adoptStatus, loadBeats,
  });

  /** Reads the reviewer's name from the settings. */
  async function loadReviewer(): Promise<void> {
    const result = await api.calls['settings:reviewer']({});
    if (result.ok) reviewer.value = result.value.name;
  }

  /** Sets the name the audit trail records. */
  async function setReviewer(name: string): Promise<void> {
    const result = await api.calls['settings:reviewer']({ name });
    if (result.ok) reviewer.value = result.value.name;
    else fail(result.error);
  }

  async function cancelAnalysis(): Promise<void> {
    const id = recordingId.value;
    if (!id) return;
    const result = await api.calls['review:cancel']({ recordingId: id });
    if (result.ok) adoptStatus(result.value);
    else fail(result.error);
  }

  /** Starts (`review:adapt`) or stops (`review:adaptCancel`) the patient adaptation (issue 9). */
  async function adaptation(call: 'review:adapt' | 'review:adaptCancel'): Promise<void> {
    const id = recordingId.value;
    if (!id) return;
    const result = await api.calls[call]({ recordingId: id });
    if (result.ok) adoptStatus(result.value);
    else fail(result.error);
  }

  return {
    status, beats, noise, irregular, beatsSpan, pageBeats, selectedBeatId, selectedBeat, flaggedFilter, confidenceThreshold, showHeatmap, heatmapMethod, showReference,
    reviewer, revision, attention, cursorSec, notice, error, busy,
    switchHeatmapMethod, select, jumpToBeat, jumpToTime, stepBeat, stepFlagged, ...edits, loadReviewer, setReviewer, cancelAnalysis, adaptation, refresh: loadBeats,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewStore, import.meta.hot));
