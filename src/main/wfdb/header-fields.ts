/**
 * Field-level helpers of the header parser: splitting a line into fields, matching one
 * field against its grammar, converting and bounding numbers, and the errors that name
 * file, line and field.
 */
import { WfdbError } from '../../shared/errors';
import { getFormat } from './formats';
import { DEFAULT_ADC_RES } from './header-spec';

/** A whitespace-separated field of a header line and where it starts. */
export interface Field {
  text: string;
  start: number;
}

/** Where a field came from, for error messages. */
export interface FieldContext {
  file: string;
  line: number;
}

/** Splits a header line into fields separated by spaces or tabs (header(5)). */
export function splitFields(line: string): Field[] {
  const fields: Field[] = [];
  const rx = /[^ \t]+/g;
  for (let m = rx.exec(line); m !== null; m = rx.exec(line)) {
    fields.push({ text: m[0], start: m.index });
  }
  return fields;
}

/** 'wfdb/header-syntax': the line does not follow the grammar. */
export function syntaxError(ctx: FieldContext, field: string, problem: string, found?: string): WfdbError {
  const shown = found === undefined ? '' : ` (found "${clip(found)}")`;
  return new WfdbError('wfdb/header-syntax', ctx.file, `line ${ctx.line}, ${field}: ${problem}${shown}`, {
    line: ctx.line,
    field,
    ...(found === undefined ? {} : { found: clip(found) }),
  });
}

/** 'wfdb/header-field': the field is well formed but its value cannot be right. */
export function fieldError(ctx: FieldContext, field: string, problem: string, found: string | number): WfdbError {
  const text = clip(String(found));
  return new WfdbError('wfdb/header-field', ctx.file, `line ${ctx.line}, ${field}: ${problem} (found ${text})`, {
    line: ctx.line,
    field,
    found: text,
  });
}

/** Keeps error messages short when a field is huge (fuzzed or corrupt input). */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Matches `text` against a field grammar and returns its named groups.
 * @throws WfdbError 'wfdb/header-syntax' when it does not match.
 */
export function matchField(ctx: FieldContext, field: string, rx: RegExp, text: string, grammar: string): Record<string, string | undefined> {
  const m = rx.exec(text);
  if (m === null) throw syntaxError(ctx, field, `expected ${grammar}`, text);
  return m.groups ?? {};
}

/**
 * A finite number within [min, max] from the text of a matched group.
 * @throws WfdbError 'wfdb/header-field' when out of bounds.
 */
export function boundedNumber(ctx: FieldContext, field: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw fieldError(ctx, field, `must be between ${min} and ${max}`, text);
  }
  return value;
}

/**
 * An integer within [min, max] from the text of a matched group.
 * @throws WfdbError 'wfdb/header-field' when out of bounds or not a safe integer.
 */
export function boundedInteger(ctx: FieldContext, field: string, text: string, min: number, max: number): number {
  const value = boundedNumber(ctx, field, text, min, max);
  if (!Number.isSafeInteger(value)) throw fieldError(ctx, field, 'must be an integer', text);
  return value;
}

/** The range of a 32-bit signed digital value. */
export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** ADC resolution assumed for `fmt` when the header gives none or 0 (WFDB `lib/signal.c`). */
export function defaultAdcRes(fmt: number): number {
  try {
    return getFormat(fmt, '').defaultAdcResolution;
  } catch {
    return DEFAULT_ADC_RES;
  }
}
