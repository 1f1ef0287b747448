import { describe, expect, it } from 'vitest';
import { fileStamp, isWinAnsi, pdfText } from '../../../../src/main/report/text';

describe('pdfText', () => {
  it('keeps WinAnsi text, including accents, the euro sign and dashes', () => {
    expect(pdfText('Müller – 5 € • José')).toBe('Müller – 5 € • José');
  });

  it('replaces symbols outside WinAnsi with words or ASCII', () => {
    expect(pdfText('HR ≥ 100 → VT, −2 mV')).toBe('HR >= 100 -> VT, -2 mV');
  });

  it('strips accents WinAnsi lacks and marks what it cannot print', () => {
    expect(pdfText('Łukasz Dvořák 李')).toBe('Lukasz Dvorák ?');
  });

  it('turns tabs into spaces, drops control characters and keeps line feeds', () => {
    expect(pdfText('a\tb\r\nc\u0007')).toBe('a b\nc');
  });
});

describe('isWinAnsi', () => {
  it('accepts CP1252 characters and refuses others', () => {
    expect(['A', 'é', '€', '—'].every(isWinAnsi)).toBe(true);
    expect(['≥', 'ő', '\u0007'].some(isWinAnsi)).toBe(false);
  });
});

describe('fileStamp', () => {
  it('writes the local date and time for a file name', () => {
    expect(fileStamp(new Date(2026, 2, 4, 9, 5, 7))).toBe('20260304-090507');
  });
});
