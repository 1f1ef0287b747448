/**
 * Window-wide keyboard shortcuts for the review screen. Keys typed into a form field
 * (input, select, textarea, contenteditable) are left to the field, and chords with
 * Ctrl/Cmd/Alt are left to the browser, so shortcuts never steal typing or system keys.
 */
import { onMounted, onScopeDispose } from 'vue';

/** Handlers by `KeyboardEvent.key` ("PageDown", "ArrowLeft", "Home", …). */
export type ShortcutMap = Readonly<Record<string, (event: KeyboardEvent) => void>>;

/** Whether a key event comes from somewhere that types text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

export function useKeyboardShortcuts(shortcuts: ShortcutMap): void {
  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target)) return;
    const handler = shortcuts[event.key];
    if (!handler) return;
    event.preventDefault();
    handler(event);
  }
  onMounted(() => window.addEventListener('keydown', onKeyDown));
  onScopeDispose(() => window.removeEventListener('keydown', onKeyDown));
}
