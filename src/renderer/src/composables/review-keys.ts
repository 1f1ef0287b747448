/**
 * The review screen's key map: the one list that both the key handler and the help overlay
 * read. Pages move with Page Up / Page Down (half a page with Shift+← / Shift+→), the
 * selection with ← / →, flagged beats with ] / [ anywhere and with Tab / Shift+Tab while
 * the strip has the focus (elsewhere Tab keeps moving the focus between controls); one
 * letter relabels the selected beat with its AAMI class.
 */
import { BEAT_LABELS, type BeatLabel } from '../../../shared/review';
import type { KeyBinding } from './keymap';

/** What the keys do; the view wires these to the stores. */
export interface ReviewKeyActions {
  pageBy(pages: number): void;
  goHome(): void;
  goEnd(): void;
  stepBeat(direction: 1 | -1): void;
  stepFlagged(direction: 1 | -1): void;
  relabel(label: BeatLabel): void;
  deleteSelected(): void;
  addAtCursor(): void;
  undo(): void;
  redo(): void;
  toggleHeatmap(): void;
  /** Attention ↔ Grad-CAM, showing the heatmap. */
  switchHeatmapMethod(): void;
  toggleReference(): void;
  toggleHelp(): void;
  /** Leaves a focused control or field for the strip; on the strip, clears the selection. */
  escape(): void;
}

const LABEL_NAMES: Readonly<Record<BeatLabel, string>> = {
  N: 'normal',
  S: 'supraventricular ectopic',
  V: 'ventricular ectopic',
  F: 'fusion',
  Q: 'unclassifiable',
};

/** The bindings, in the order the help lists them. */
export function reviewBindings(a: ReviewKeyActions): KeyBinding[] {
  const move = (keys: string[], description: string, run: () => void, onlyAtHome = false): KeyBinding => ({
    keys, group: 'Move', description, run, onlyAtHome,
  });
  const edit = (keys: string[], description: string, run: () => void): KeyBinding => ({ keys, group: 'Edit', description, run });
  const view = (keys: string[], description: string, run: () => void): KeyBinding => ({ keys, group: 'View', description, run });
  return [
    move(['PageDown'], 'Next page', () => a.pageBy(1)),
    move(['PageUp'], 'Previous page', () => a.pageBy(-1)),
    move(['Shift+ArrowRight'], 'Forward half a page', () => a.pageBy(0.5)),
    move(['Shift+ArrowLeft'], 'Back half a page', () => a.pageBy(-0.5)),
    move(['Home'], 'Start of the record', () => a.goHome()),
    move(['End'], 'End of the record', () => a.goEnd()),
    move(['ArrowRight'], 'Select the next beat', () => a.stepBeat(1)),
    move(['ArrowLeft'], 'Select the previous beat', () => a.stepBeat(-1)),
    move([']'], 'Next flagged beat (the flagged filter and order)', () => a.stepFlagged(1)),
    move(['['], 'Previous flagged beat (the flagged filter and order)', () => a.stepFlagged(-1)),
    move(['Tab'], 'Next flagged beat, while the strip has the focus', () => a.stepFlagged(1), true),
    move(['Shift+Tab'], 'Previous flagged beat, while the strip has the focus', () => a.stepFlagged(-1), true),
    ...BEAT_LABELS.map((label) => edit([label], `Label the selected beat ${label} (${LABEL_NAMES[label]})`, () => a.relabel(label))),
    edit(['Delete', 'Backspace'], 'Delete the selected beat', () => a.deleteSelected()),
    edit(['A'], 'Add a beat at the cursor (mouse, else mid-page); or double-click the strip', () => a.addAtCursor()),
    edit(['Ctrl+Z'], 'Undo', () => a.undo()),
    edit(['Ctrl+Shift+Z', 'Ctrl+Y'], 'Redo', () => a.redo()),
    view(['H'], 'Heatmap on / off', () => a.toggleHeatmap()),
    view(['G'], 'Heatmap: switch between attention and Grad-CAM (and show it)', () => a.switchHeatmapMethod()),
    view(['R'], 'Reference annotations on / off', () => a.toggleReference()),
    view(['?'], 'This help', () => a.toggleHelp()),
    { keys: ['Escape'], group: 'View', description: 'Back to the strip from a control or field; on the strip, clear the selection and leave it (Tab then moves between controls)', run: () => a.escape(), alsoWhileTyping: true },
  ];
}
