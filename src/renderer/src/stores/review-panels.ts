/**
 * Data of the review side panel: the flagged list (paged, see review-panels-flagged.ts),
 * the template groups, the summary and the audit trail of the review in progress. The
 * panel refetches what it shows when the review's revision changes, at most once per
 * {@link REFRESH_INTERVAL_MS} (the analysis sends a change every step), and fetches a
 * hidden tab's data only when that tab is opened. Each answer carries a sequence number;
 * an answer older than the latest request is dropped.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import type { AuditEntry, ReviewBeat, ReviewSummary, TemplateGroup } from '../../../shared/review';
import type { ErrorInfo, Result } from '../../../shared/result';
import { useReviewStore } from './review';
import { FlaggedPages, flaggedQuery, matchesFlagged, type FetchFlaggedPage } from './review-panels-flagged';
import { throttle } from '../../../shared/throttle';

/** The panel's tabs. */
export type PanelTab = 'flagged' | 'templates' | 'summary' | 'audit';
/** Orders of the flagged list ('uncertainty': most uncertain first, the selective-review queue). */
export type FlaggedSort = 'time' | 'confidence' | 'uncertainty';

/** Least time between two refetches caused by review changes, ms. */
export const REFRESH_INTERVAL_MS = 800;
/** The same while the analysis is running (revisions then come several times a second). */
export const ANALYSIS_REFRESH_INTERVAL_MS = 2500;

/** One dataset fetched whole (templates, summary, audit), with the revision it is of. */
function useWholeFetch<T>(load: (recordingId: string) => Promise<Result<T>>) {
  const data = shallowRef<T | null>(null);
  const error = ref<ErrorInfo | null>(null);
  const loading = ref(false);
  /** The revision last asked for (answered or on its way): never asked twice. */
  let requestedRevision = -1;
  let seq = 0;
  async function fetch(recordingId: string, revision: number): Promise<void> {
    if (revision === requestedRevision) return;
    requestedRevision = revision;
    const mine = ++seq;
    loading.value = true;
    const result = await load(recordingId);
    if (mine !== seq) return;
    loading.value = false;
    if (result.ok) {
      data.value = result.value;
      error.value = null;
    } else error.value = result.error;
  }
  function reset(): void {
    seq++;
    requestedRevision = -1;
    data.value = null;
    error.value = null;
    loading.value = false;
  }
  return { data, error, loading, fetch, reset };
}

export const useReviewPanelsStore = defineStore('review-panels', () => {
  const api = getApi();
  const review = useReviewStore();
  const tab = ref<PanelTab>('flagged');
  const sort = ref<FlaggedSort>('time');
  const selectedTemplateId = ref<number | null>(null);
  const recordingId = computed(() => review.status?.recordingId ?? null);

  const templates = useWholeFetch<TemplateGroup[]>((id) => api.calls['review:templates']({ recordingId: id }));
  const summary = useWholeFetch<ReviewSummary>((id) => api.calls['review:summary']({ recordingId: id }));
  const audit = useWholeFetch<AuditEntry[]>((id) => api.calls['review:audit']({ recordingId: id }));

  /** Bumped whenever the flagged cache changes, so computeds reading it re-run. */
  const flaggedVersion = ref(0);
  /** Rows the flagged list shows now (it reports them on scroll). */
  let visibleRows = { first: 0, last: 40 };
  /** The row the next/previous-flagged keys last went to, in a sorted list. */
  let stepped: { beatId: number; index: number } | null = null;

  function flaggedFetcher(): FetchFlaggedPage {
    const id = recordingId.value;
    const filter = flaggedQuery(review.flaggedFilter, review.confidenceThreshold);
    const order = sort.value;
    return (offset, limit) =>
      id === null
        ? Promise.resolve({ ok: true, value: { total: 0, beats: [] } })
        : api.calls['review:flagged']({ recordingId: id, ...filter, sort: order, offset, limit });
  }
  const flagged = new FlaggedPages(flaggedFetcher(), () => flaggedVersion.value++);
  const flaggedTotal = computed(() => (flaggedVersion.value, flagged.total));
  const flaggedError = computed(() => (flaggedVersion.value, flagged.error));

  /** The flagged list shows rows [first, last]: fetch their pages. */
  function showFlaggedRows(first: number, last: number): void {
    visibleRows = { first, last };
    void flagged.ensure(first, last);
  }

  /** Fetches what the open tab shows, if the review has changed since it was fetched. */
  function refreshActive(): void {
    const id = recordingId.value;
    if (id === null) return;
    const revision = review.revision;
    if (tab.value === 'templates') void templates.fetch(id, revision);
    else if (tab.value === 'summary') void summary.fetch(id, revision);
    else if (tab.value === 'audit') void audit.fetch(id, revision);
  }

  const refetchAll = (): void => {
    flagged.invalidate();
    void flagged.ensure(visibleRows.first, visibleRows.last);
    refreshActive();
  };
  const onEdit = throttle(refetchAll, REFRESH_INTERVAL_MS);
  /** The analysis or the uncertainty pass after it is sending steps (a new revision each). */
  const backgroundRunning = (): boolean => review.status?.state === 'running' || review.status?.uncertainty?.state === 'running';
  // While the analysis runs, each step is a new revision: the lists follow more slowly, so
  // that their queries do not hold up the strip's page requests on a busy machine.
  const onAnalysisStep = throttle(refetchAll, ANALYSIS_REFRESH_INTERVAL_MS);
  const onRevision = Object.assign(() => (backgroundRunning() ? onAnalysisStep.request() : onEdit.request()), {
    cancel: () => {
      onEdit.cancel();
      onAnalysisStep.cancel();
    },
  });

  function resetAll(): void {
    onRevision.cancel();
    templates.reset();
    summary.reset();
    audit.reset();
    selectedTemplateId.value = null;
    flagged.clear(flaggedFetcher());
    void flagged.ensure(0, visibleRows.last - visibleRows.first);
    refreshActive();
  }

  // One watcher for both, so that a new recording (whose revision differs too) resets once.
  watch([recordingId, () => review.revision], ([id], [oldId]) => (id !== oldId ? resetAll() : onRevision()));
  watch(tab, refreshActive);
  watch([() => review.flaggedFilter, () => review.confidenceThreshold, sort], () => {
    flagged.clear(flaggedFetcher());
    void flagged.ensure(0, visibleRows.last - visibleRows.first);
  }, { deep: true });

  // The panel may open on a review already under way.
  if (recordingId.value !== null) resetAll();

  /** The beat at a row of the flagged list, if loaded (reactive). */
  function flaggedAt(index: number) {
    void flaggedVersion.value;
    return flagged.at(index);
  }

  /**
   * The row of a beat in the flagged list: searched among loaded pages, and for the time
   * order also page by page through the services; -1 when it is not in the list.
   */
  async function locateFlagged(beat: ReviewBeat): Promise<number> {
    const known = flagged.indexOf(beat.id);
    if (known >= 0 || sort.value !== 'time') return known;
    if (!matchesFlagged(beat, flaggedQuery(review.flaggedFilter, review.confidenceThreshold))) return -1;
    return flagged.locateByTime(beat);
  }

  /**
   * The next (1) or previous (−1) flagged beat in the list's order. By time that is the
   * services' `review:step` from the selection (the review store); in a sorted order
   * (least confident, most uncertain) it is the neighbouring row of the selected beat —
   * or, when that beat has just left the list (relabelled, reviewed), the row that took
   * its place — and the first row when nothing in the list is selected.
   */
  async function stepFlagged(direction: 1 | -1): Promise<void> {
    if (sort.value === 'time') return review.stepFlagged(direction);
    review.notice = null;
    const selected = review.selectedBeatId;
    const at = selected === null ? -1 : flagged.indexOf(selected);
    let target: number;
    if (at >= 0) target = at + direction;
    else if (stepped !== null && stepped.beatId === selected) target = direction === 1 ? stepped.index : stepped.index - 1;
    else target = direction === 1 ? 0 : -1;
    if (flagged.total === null) await flagged.ensure(0, 0);
    const total = flagged.total ?? 0;
    if (target < 0 || target >= total) {
      review.notice = `No ${direction === 1 ? 'further' : 'earlier'} flagged beat in this order matches the filter.`;
      return;
    }
    await flagged.ensure(target, target);
    const beat = flagged.at(target);
    if (!beat) return;
    stepped = { beatId: beat.id, index: target };
    review.jumpToBeat(beat);
  }

  return {
    tab,
    sort,
    stepFlagged,
    selectedTemplateId,
    recordingId,
    flaggedVersion,
    flaggedTotal,
    flaggedError,
    flaggedAt,
    showFlaggedRows,
    locateFlagged,
    templates: templates.data,
    templatesError: templates.error,
    templatesLoading: templates.loading,
    summary: summary.data,
    summaryError: summary.error,
    summaryLoading: summary.loading,
    audit: audit.data,
    auditError: audit.error,
    auditLoading: audit.loading,
    refreshActive,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewPanelsStore, import.meta.hot));
