/**
 * The review set under the flagging threshold (issue 9, selective review): how many beats
 * of the open recording the threshold sends to review — the flagged beats, every class, as
 * the services count them — and the coverage, the share of beats accepted as classified.
 * Independent of the list's class and "unreviewed" filters: it describes the threshold.
 *
 * Live: recounted when the review changes (throttled like the panels' lists, more slowly
 * while the analysis runs) and while the threshold slider is dragged (`preview`, debounced),
 * one one-row `review:flagged` query each; an answer older than the latest request is dropped.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { getApi } from '../api';
import { throttle } from '../../../shared/throttle';
import { useReviewStore } from './review';
import { ANALYSIS_REFRESH_INTERVAL_MS, REFRESH_INTERVAL_MS } from './review-panels';

/** Wait after the last slider step before counting, ms. */
export const PREVIEW_DEBOUNCE_MS = 80;

/** The share of `total` beats not sent to review, 0..1 (null without beats or a count). */
export function coverageOf(sent: number | null, total: number): number | null {
  return sent === null || total <= 0 ? null : Math.max(0, 1 - sent / total);
}

export const useReviewQueueStore = defineStore('review-queue', () => {
  const api = getApi();
  const review = useReviewStore();
  /** The threshold being dragged (not applied yet), or null. */
  const previewThreshold = ref<number | null>(null);
  /** The threshold the count is for. */
  const threshold = computed(() => previewThreshold.value ?? review.confidenceThreshold);
  /** Beats sent to review under `countedThreshold`, or null before the first answer. */
  const sent = ref<number | null>(null);
  const countedThreshold = ref<number | null>(null);
  const coverage = computed(() => coverageOf(sent.value, review.status?.beatCount ?? 0));
  let seq = 0;

  async function count(): Promise<void> {
    const id = review.status?.recordingId;
    if (!id) return;
    const asked = threshold.value;
    const mine = ++seq;
    const result = await api.calls['review:flagged']({ recordingId: id, confidenceThreshold: asked, sort: 'time', offset: 0, limit: 1 });
    if (mine !== seq || !result.ok) return;
    sent.value = result.value.total;
    countedThreshold.value = asked;
  }

  const onEdit = throttle(() => void count(), REFRESH_INTERVAL_MS);
  const onAnalysisStep = throttle(() => void count(), ANALYSIS_REFRESH_INTERVAL_MS);
  watch(
    () => review.status?.recordingId,
    () => {
      sent.value = null;
      countedThreshold.value = null;
      void count();
    },
  );
  watch(() => review.revision, () => (review.status?.state === 'running' || review.status?.uncertainty?.state === 'running' ? onAnalysisStep.request() : onEdit.request()));
  watch(() => review.confidenceThreshold, () => void count());

  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts for a threshold being dragged (null: back to the applied one). */
  function preview(value: number | null): void {
    previewThreshold.value = value;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void count(), value === null ? 0 : PREVIEW_DEBOUNCE_MS);
  }

  if (review.status) void count();

  return { threshold, sent, countedThreshold, coverage, preview, count };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewQueueStore, import.meta.hot));
