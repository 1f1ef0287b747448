import { describe, expect, it } from 'vitest';
import { beatClassOf, isBeatSymbol, nonBeatLabel } from '../../../../src/shared/charts/beats';

describe('isBeatSymbol', () => {
  it('accepts the MIT beat symbols and refuses rhythm, noise and comment marks', () => {
    for (const s of ['N', 'L', 'R', 'V', 'A', 'F', '/', 'f', 'Q', 'j', 'E', 'a', 'J', 'S', 'e']) expect(isBeatSymbol(s)).toBe(true);
    for (const s of ['+', '~', '|', '"', 'x', '[', ']', '!', 'p', 't']) expect(isBeatSymbol(s)).toBe(false);
  });
});

describe('beatClassOf', () => {
  it('maps MIT types to the AAMI EC57 classes', () => {
    expect(['N', 'L', 'R', 'e', 'j'].map(beatClassOf)).toEqual(['N', 'N', 'N', 'N', 'N']);
    expect(['A', 'a', 'J', 'S'].map(beatClassOf)).toEqual(['S', 'S', 'S', 'S']);
    expect(['V', 'E'].map(beatClassOf)).toEqual(['V', 'V']);
    expect(beatClassOf('F')).toBe('F');
    expect(['/', 'f', 'Q'].map(beatClassOf)).toEqual(['Q', 'Q', 'Q']);
  });
});

describe('nonBeatLabel', () => {
  it('shows the aux text of a rhythm change and the symbol otherwise', () => {
    expect(nonBeatLabel('+', '(AFL\0')).toBe('(AFL');
    expect(nonBeatLabel('~', null)).toBe('~');
    expect(nonBeatLabel('+', '  ')).toBe('+');
  });
});
