/**
 * Keyboard behaviour of a WAI-ARIA tablist (the research workbench's sections, the app bar's
 * Review / Research switch): ←/→ move to the previous/next tab (wrapping), Home/End to the
 * first/last, and the focus follows the selection. Tabs are found by their `data-tab`
 * attribute inside the tablist element the key event comes from.
 */
import { nextTick, type Ref } from 'vue';

/** The tablist's key handler and a select that can move the focus. */
export function useTablist<T extends string>(ids: () => readonly T[], selected: Ref<T>) {
  async function select(id: T, focus = false, from?: Element | null): Promise<void> {
    selected.value = id;
    if (!focus || !from) return;
    await nextTick();
    from.querySelector<HTMLElement>(`[data-tab="${id}"]`)?.focus();
  }

  /** Put on the tablist's keydown. */
  function onKeydown(event: KeyboardEvent): void {
    const list = ids();
    const i = list.indexOf(selected.value);
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: list.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    void select(list[(target + list.length) % list.length] as T, true, event.currentTarget as Element | null);
  }

  return { select, onKeydown };
}
