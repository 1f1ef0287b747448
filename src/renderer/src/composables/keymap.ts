/**
 * Key bindings as data: the handler matches key events against them and the help overlay
 * lists them, from the same array, so what the overlay says is what the keys do.
 *
 * A chord is written as the user reads it: "Ctrl+Shift+Z", "Shift+ArrowRight", "?", "N".
 * "Ctrl" matches Ctrl or ⌘ (macOS). Letters match either case and need Shift exactly as
 * written; punctuation ("?", "[", "]") is matched by the character typed, whatever Shift
 * it took on the keyboard's layout.
 */

/** A key with its modifiers, parsed from text like "Ctrl+Shift+Z". */
export interface Chord {
  /** `KeyboardEvent.key`, letters in lower case. */
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

/** One command: its keys, what the help says, and what it does. */
export interface KeyBinding {
  /** Chords that run it, the first one shown first. */
  keys: readonly string[];
  /** Help group ("Move", "Edit", "View"). */
  group: string;
  description: string;
  run: (event: KeyboardEvent) => void;
  /**
   * Run only while the focus is on the element marked `data-keys-home` (the strip), for
   * keys such as Tab that everywhere else move the focus.
   */
  onlyAtHome?: boolean;
  /** Run also from a text field (Escape, to leave it). */
  alsoWhileTyping?: boolean;
}

/** The modifier fields of a key event that chords look at. */
export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

const isLetter = (key: string) => /^[a-z]$/i.test(key);

/** Parses "Ctrl+Shift+Z" into a chord. A lone "+" is the plus key. */
export function parseChord(text: string): Chord {
  const parts = text === '+' ? ['+'] : text.split('+');
  const key = parts[parts.length - 1] ?? '';
  const mods = new Set(parts.slice(0, -1).map((m) => m.toLowerCase()));
  return { key: isLetter(key) ? key.toLowerCase() : key, ctrl: mods.has('ctrl'), shift: mods.has('shift'), alt: mods.has('alt') };
}

/** Whether a key event is the chord. */
export function matchesChord(chord: Chord, event: KeyEventLike): boolean {
  const key = isLetter(event.key) ? event.key.toLowerCase() : event.key;
  if (key !== chord.key) return false;
  if ((event.ctrlKey || event.metaKey) !== chord.ctrl || event.altKey !== chord.alt) return false;
  // Punctuation takes whatever Shift the layout needs ("?" is Shift+/ on US keyboards).
  const shiftMatters = isLetter(key) || key.length > 1;
  return !shiftMatters || event.shiftKey === chord.shift;
}

/** The first binding that a key event runs, or null. */
export function findBinding<B extends Pick<KeyBinding, 'keys'>>(bindings: readonly B[], event: KeyEventLike): B | null {
  for (const binding of bindings) {
    if (binding.keys.some((k) => matchesChord(parseChord(k), event))) return binding;
  }
  return null;
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  Escape: 'Esc',
  Delete: 'Delete',
  Backspace: 'Backspace',
  ' ': 'Space',
};

/** A chord as the help shows it: its keys in order ("Ctrl", "Shift", "Z"). */
export function chordKeys(text: string): string[] {
  const chord = parseChord(text);
  const key = KEY_NAMES[chord.key] ?? (isLetter(chord.key) ? chord.key.toUpperCase() : chord.key);
  return [...(chord.ctrl ? ['Ctrl'] : []), ...(chord.alt ? ['Alt'] : []), ...(chord.shift ? ['Shift'] : []), key];
}

/** A chord as one line of text ("Ctrl+Shift+Z", "Shift+→"), for tooltips. */
export function chordText(text: string): string {
  return chordKeys(text).join('+');
}

/** The bindings grouped for the help, groups in order of first appearance. */
export function helpGroups<B extends Pick<KeyBinding, 'group'>>(bindings: readonly B[]): { group: string; bindings: B[] }[] {
  const groups: { group: string; bindings: B[] }[] = [];
  for (const binding of bindings) {
    let entry = groups.find((g) => g.group === binding.group);
    if (!entry) {
      entry = { group: binding.group, bindings: [] };
      groups.push(entry);
    }
    entry.bindings.push(binding);
  }
  return groups;
}
