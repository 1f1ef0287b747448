import { describe, expect, it } from 'vitest';
import { BEAT_LABELS } from '../../../../src/shared/review';
import { findBinding, parseChord, type KeyEventLike } from '../../../../src/renderer/src/composables/keymap';
import { reviewBindings, type ReviewKeyActions } from '../../../../src/renderer/src/composables/review-keys';

/** Actions that record what they were asked to do. */
function recorder() {
  const log: string[] = [];
  const actions: ReviewKeyActions = {
    pageBy: (p) => log.push(`page ${p}`),
    goHome: () => log.push('home'),
    goEnd: () => log.push('end'),
    stepBeat: (d) => log.push(`beat ${d}`),
    stepFlagged: (d) => log.push(`flagged ${d}`),
    relabel: (l) => log.push(`relabel ${l}`),
    deleteSelected: () => log.push('delete'),
    addAtCursor: () => log.push('add'),
    undo: () => log.push('undo'),
    redo: () => log.push('redo'),
    toggleHeatmap: () => log.push('heatmap'),
    switchHeatmapMethod: () => log.push('heatmap method'),
    toggleReference: () => log.push('reference'),
    toggleHelp: () => log.push('help'),
    escape: () => log.push('escape'),
  };
  return { log, bindings: reviewBindings(actions) };
}

function press(text: string): KeyEventLike {
  const c = parseChord(text);
  const letter = /^[a-z]$/.test(c.key);
  return { key: letter && c.shift ? c.key.toUpperCase() : c.key, ctrlKey: c.ctrl, metaKey: false, shiftKey: c.shift, altKey: c.alt };
}

describe('reviewBindings', () => {
  it('runs exactly one binding for every chord it lists', () => {
    const { bindings } = recorder();
    const chords = bindings.flatMap((b) => b.keys);
    expect(new Set(chords).size).toBe(chords.length);
    for (const b of bindings) for (const k of b.keys) expect(findBinding(bindings, press(k))).toBe(b);
  });

  it('relabels the selected beat with each AAMI class letter', () => {
    const { log, bindings } = recorder();
    for (const label of BEAT_LABELS) findBinding(bindings, press(label.toLowerCase()))?.run({} as KeyboardEvent);
    expect(log).toEqual(BEAT_LABELS.map((l) => `relabel ${l}`));
  });

  it('keeps pages on Page Up / Down, half pages on Shift+arrows and beats on the arrows', () => {
    const { log, bindings } = recorder();
    for (const k of ['PageDown', 'PageUp', 'Shift+ArrowRight', 'Shift+ArrowLeft', 'ArrowRight', 'ArrowLeft']) findBinding(bindings, press(k))?.run({} as KeyboardEvent);
    expect(log).toEqual(['page 1', 'page -1', 'page 0.5', 'page -0.5', 'beat 1', 'beat -1']);
  });

  it('steps flagged beats on ] / [ anywhere and on Tab only from the strip', () => {
    const { log, bindings } = recorder();
    for (const k of [']', '[', 'Tab', 'Shift+Tab']) findBinding(bindings, press(k))?.run({} as KeyboardEvent);
    expect(log).toEqual(['flagged 1', 'flagged -1', 'flagged 1', 'flagged -1']);
    expect(findBinding(bindings, press('Tab'))?.onlyAtHome).toBe(true);
    expect(findBinding(bindings, press(']'))?.onlyAtHome).toBeFalsy();
  });

  it('undoes on Ctrl+Z and redoes on Ctrl+Shift+Z and Ctrl+Y', () => {
    const { log, bindings } = recorder();
    for (const k of ['Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y']) findBinding(bindings, press(k))?.run({} as KeyboardEvent);
    expect(log).toEqual(['undo', 'redo', 'redo']);
  });

  it('toggles the heatmap on H and switches it between attention and Grad-CAM on G', () => {
    const { log, bindings } = recorder();
    for (const k of ['h', 'g']) findBinding(bindings, press(k))?.run({} as KeyboardEvent);
    expect(log).toEqual(['heatmap', 'heatmap method']);
  });

  it('lets only Escape through from a text field', () => {
    const { bindings } = recorder();
    expect(bindings.filter((b) => b.alsoWhileTyping).flatMap((b) => b.keys)).toEqual(['Escape']);
  });
});
