/**
 * Whether the strip should hold its drawing while the review's beats of the page it is about
 * to draw are still loading. Signals and beats come from two calls; drawing as each arrives
 * draws a jumped-to page twice (first bare, then with its beats), which costs a whole draw.
 * Holding until both are there draws it once. The hold never lasts longer than `maxWaitMs`
 * for a page, so a slow or failed beat call cannot freeze the strip.
 */
import { computed, onScopeDispose, ref, watch, type ComputedRef, type Ref } from 'vue';

export function usePageBeatsWait(options: {
  /** A review is shown (beats are expected at all). */
  reviewing: Ref<boolean>;
  /** The page about to be drawn, [startSec, endSec), with a key that changes with the recording. */
  page: Ref<{ key: string; startSec: number; endSec: number }>;
  /** The span the last finished beat load covered, null before the first. */
  beatsSpan: Ref<{ from: number; to: number } | null>;
  maxWaitMs?: number;
}): ComputedRef<boolean> {
  const { reviewing, page, beatsSpan } = options;
  /** The page whose wait ran out (drawn without its beats, which follow when they come). */
  const expired = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pageKey = computed(() => `${page.value.key}@${page.value.startSec.toFixed(3)}`);

  watch(pageKey, (key) => {
    clearTimeout(timer);
    timer = setTimeout(() => (expired.value = key), options.maxWaitMs ?? 150);
  }, { immediate: true });
  onScopeDispose(() => clearTimeout(timer));

  return computed(() => {
    if (!reviewing.value || expired.value === pageKey.value) return false;
    const span = beatsSpan.value;
    const covered = span !== null && span.from <= page.value.startSec + 1e-6 && span.to >= page.value.endSec - 1e-6;
    return !covered;
  });
}
