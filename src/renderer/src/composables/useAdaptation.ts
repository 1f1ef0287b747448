/**
 * The "Adapt to patient" action of the review (issue 9): whether it can run and why not,
 * starting and cancelling it (`review:adapt`, `review:adaptCancel`), and its progress and
 * outcome from the review status ('review:changed'). The step it makes is undone with the
 * review's normal undo; the beats reload when the status revision moves.
 */
import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { useReviewStore } from '../stores/review';

/** State and actions of the adaptation control. */
export function useAdaptation() {
  const review = useReviewStore();
  const { status } = storeToRefs(review);
  const adaptation = computed(() => status.value?.adaptation ?? null);
  const running = computed(() => adaptation.value?.state === 'running');
  const reviewed = computed(() => status.value?.reviewedCount ?? 0);
  /** Why the action cannot start now, or null. */
  const blocked = computed<string | null>(() => {
    if (!status.value) return 'The review has not started yet';
    if (running.value) return null;
    if (reviewed.value === 0) return 'Relabel or confirm some beats first: the model is tuned on the beats you reviewed';
    return null;
  });
  const percent = computed(() => Math.round((adaptation.value?.fraction ?? 0) * 100));
  /** One line on the last adaptation, for the toolbar. */
  const outcome = computed(() => {
    const a = adaptation.value;
    if (!a || a.state === 'running') return '';
    if (a.state === 'done') return `Adapted: ${a.changedBeats.toLocaleString('en-US')} beat${a.changedBeats === 1 ? '' : 's'} changed class`;
    return a.state === 'cancelled' ? 'Adaptation cancelled' : `Adaptation failed: ${a.error?.message ?? a.message}`;
  });

  return { adaptation, running, reviewed, blocked, percent, outcome, start: () => review.adaptation('review:adapt'), cancel: () => review.adaptation('review:adaptCancel') };
}
