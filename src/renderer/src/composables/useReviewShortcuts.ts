/**
 * The review screen's keys, wired to the recording and review stores. Returns the bindings
 * so the help overlay lists exactly what the handler runs.
 */
import { computed, type Ref } from 'vue';
import { useRecordingStore } from '../stores/recording';
import { useReviewStore } from '../stores/review';
import { useReviewPanelsStore } from '../stores/review-panels';
import { reviewBindings } from './review-keys';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import type { KeyBinding } from './keymap';

/** The strip: the element that holds the focus for the review keys. */
function stripElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-keys-home]');
}

export function useReviewShortcuts(helpOpen: Ref<boolean>) {
  const recording = useRecordingStore();
  const review = useReviewStore();
  // Next/previous flagged follow the flagged list's order (time, or a sorted queue).
  const panels = useReviewPanelsStore();

  function escape(): void {
    const active = document.activeElement;
    const strip = stripElement();
    if (strip && active instanceof HTMLElement && active !== document.body && !strip.contains(active)) {
      active.blur();
      strip.focus();
      return;
    }
    review.select(null);
    if (active instanceof HTMLElement) active.blur();
  }

  const bindings = computed<KeyBinding[]>(() =>
    reviewBindings({
      pageBy: (pages) => recording.pageBy(pages),
      goHome: () => recording.goHome(),
      goEnd: () => recording.goEnd(),
      stepBeat: (direction) => review.stepBeat(direction),
      stepFlagged: (direction) => void panels.stepFlagged(direction),
      relabel: (label) => void review.relabelSelected(label),
      deleteSelected: () => void review.deleteSelected(),
      addAtCursor: () => void review.addBeatAtCursor(),
      undo: () => void review.undo(),
      redo: () => void review.redo(),
      toggleHeatmap: () => (review.showHeatmap = !review.showHeatmap),
      switchHeatmapMethod: () => review.switchHeatmapMethod(),
      toggleReference: () => (review.showReference = !review.showReference),
      toggleHelp: () => (helpOpen.value = !helpOpen.value),
      escape,
    }),
  );

  useKeyboardShortcuts(() => (recording.info ? bindings.value : bindings.value.filter((b) => b.group === 'View')));
  return { bindings, focusStrip: () => stripElement()?.focus() };
}
