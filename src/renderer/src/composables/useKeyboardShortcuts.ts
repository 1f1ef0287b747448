/**
 * Window-wide keyboard shortcuts from a list of bindings (see keymap.ts). Keys typed into a
 * text field (text inputs, select, textarea, contenteditable) are left to the field unless
 * the binding says otherwise (Escape), keys inside an open dialog to the dialog, and
 * bindings marked `onlyAtHome` (Tab) run only while the element marked `data-keys-home`
 * (the strip) has the focus, so shortcuts never steal typing or the focus order.
 */
import { onMounted, onScopeDispose } from 'vue';
import { findBinding, type KeyBinding } from './keymap';

/** Input types that take no typed text (their keys are free for shortcuts). */
const KEYLESS_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** Whether a key event comes from somewhere that types text (or picks with letters and arrows: select, range). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !KEYLESS_INPUTS.has(target.type);
  return ['SELECT', 'TEXTAREA'].includes(target.tagName);
}

/** Whether the focus is on the element marked `data-keys-home` (or inside it). */
export function isAtHome(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-keys-home]') !== null;
}

/** Listens on the window while the calling component is mounted; `bindings` is read on each key. */
export function useKeyboardShortcuts(bindings: () => readonly KeyBinding[]): void {
  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    const binding = findBinding(bindings(), event);
    if (!binding) return;
    if (isTypingTarget(event.target) && !binding.alsoWhileTyping) return;
    if (binding.onlyAtHome && !isAtHome(event.target)) return;
    event.preventDefault();
    binding.run(event);
  }
  onMounted(() => window.addEventListener('keydown', onKeyDown));
  onScopeDispose(() => window.removeEventListener('keydown', onKeyDown));
}
