import { describe, expect, it } from 'vitest';
import { chordKeys, chordText, findBinding, helpGroups, matchesChord, parseChord, type KeyEventLike } from '../../../../src/renderer/src/composables/keymap';

function key(k: string, mods: Partial<Omit<KeyEventLike, 'key'>> = {}): KeyEventLike {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('parseChord', () => {
  it('reads the modifiers and lower-cases a letter', () => {
    expect(parseChord('Ctrl+Shift+Z')).toEqual({ key: 'z', ctrl: true, shift: true, alt: false });
    expect(parseChord('Shift+ArrowRight')).toEqual({ key: 'ArrowRight', ctrl: false, shift: true, alt: false });
    expect(parseChord('?')).toEqual({ key: '?', ctrl: false, shift: false, alt: false });
  });

  it('takes a lone plus for the plus key', () => {
    expect(parseChord('+').key).toBe('+');
  });
});

describe('matchesChord', () => {
  it('matches a letter in either case (Caps Lock) but not with Shift unless asked', () => {
    expect(matchesChord(parseChord('N'), key('n'))).toBe(true);
    expect(matchesChord(parseChord('N'), key('N'))).toBe(true);
    expect(matchesChord(parseChord('N'), key('N', { shiftKey: true }))).toBe(false);
  });

  it('tells Ctrl+Z from Ctrl+Shift+Z, and takes ⌘ for Ctrl', () => {
    expect(matchesChord(parseChord('Ctrl+Z'), key('z', { ctrlKey: true }))).toBe(true);
    expect(matchesChord(parseChord('Ctrl+Z'), key('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesChord(parseChord('Ctrl+Shift+Z'), key('Z', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(matchesChord(parseChord('Z'), key('z', { ctrlKey: true }))).toBe(false);
  });

  it('matches punctuation whatever Shift the layout needed for it', () => {
    expect(matchesChord(parseChord('?'), key('?', { shiftKey: true }))).toBe(true);
    expect(matchesChord(parseChord(']'), key(']'))).toBe(true);
  });

  it('needs Shift exactly on named keys', () => {
    expect(matchesChord(parseChord('ArrowRight'), key('ArrowRight', { shiftKey: true }))).toBe(false);
    expect(matchesChord(parseChord('Shift+ArrowRight'), key('ArrowRight', { shiftKey: true }))).toBe(true);
    expect(matchesChord(parseChord('Shift+Tab'), key('Tab'))).toBe(false);
  });
});

describe('findBinding', () => {
  const bindings = [
    { keys: ['ArrowRight'], name: 'next' },
    { keys: ['Shift+ArrowRight'], name: 'half' },
    { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], name: 'redo' },
  ];
  it('finds the binding whose chord the event is, by any of its keys', () => {
    expect(findBinding(bindings, key('ArrowRight'))?.name).toBe('next');
    expect(findBinding(bindings, key('ArrowRight', { shiftKey: true }))?.name).toBe('half');
    expect(findBinding(bindings, key('y', { ctrlKey: true }))?.name).toBe('redo');
    expect(findBinding(bindings, key('x'))).toBeNull();
  });
});

describe('chordKeys', () => {
  it('names keys as the help shows them', () => {
    expect(chordKeys('Ctrl+Shift+Z')).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(chordKeys('Shift+ArrowLeft')).toEqual(['Shift', '←']);
    expect(chordKeys('PageDown')).toEqual(['Page Down']);
    expect(chordKeys('Escape')).toEqual(['Esc']);
    expect(chordText('Ctrl+Z')).toBe('Ctrl+Z');
  });
});

describe('helpGroups', () => {
  it('groups bindings in the order their groups first appear', () => {
    const groups = helpGroups([{ group: 'Move', n: 1 }, { group: 'Edit', n: 2 }, { group: 'Move', n: 3 }]);
    expect(groups.map((g) => [g.group, g.bindings.map((b) => b.n)])).toEqual([['Move', [1, 3]], ['Edit', [2]]]);
  });
});
