/**
 * WFDB header files (header(5)): `parseHeader` reads the text of a `.hea` file into a
 * `WfdbHeader`; `formatHeader` (header-format.ts) writes one back. Types, grammar, read
 * defaults and limits are in header-spec.ts.
 *
 * Lines are separated by LF, optionally preceded by CR. Empty lines are skipped. A line
 * whose first printing character is `#` is a comment; comments after the last
 * specification line are the record's info strings.
 */
import {
  DEFAULT_ADC_GAIN,
  DEFAULT_FS,
  DEFAULT_UNITS,
  HEADER_LIMITS,
  RX_BASE_DATE,
  RX_BASE_TIME,
  RX_FILE_NAME,
  RX_FORMAT,
  RX_FREQUENCY,
  RX_GAIN,
  RX_RECORD_NAME,
  RX_SEGMENT_NAME,
  RX_SIGNED,
  RX_UNSIGNED,
  type RecordLine,
  type SegmentSpec,
  type SignalSpec,
  type WfdbHeader,
} from './header-spec';
import {
  INT32_MAX,
  INT32_MIN,
  boundedInteger,
  boundedNumber,
  defaultAdcRes,
  fieldError,
  matchField,
  splitFields,
  syntaxError,
  type FieldContext,
} from './header-fields';
import { WfdbError } from '../../shared/errors';

export type { RecordLine, SegmentSpec, SignalSpec, WfdbHeader } from './header-spec';
export { formatHeader } from './header-format';

interface Line {
  text: string;
  number: number;
}

/**
 * Parses the text of a WFDB header file. Pure: `file` only names the header in errors.
 *
 * @param text the header's text (LF or CRLF line ends)
 * @param file the header's name or path, for error messages
 * @returns the header with read defaults applied (see header-spec.ts)
 * @throws WfdbError 'wfdb/header-syntax' when a line does not follow the grammar, or the
 *   number of signal or segment lines differs from the record line; 'wfdb/header-field'
 *   when a value is impossible or implausible (zero frequency, 10^6 signals, 10^12
 *   samples, 31/02/2020). The message names the file, line number and field.
 */
export function parseHeader(text: string, file: string): WfdbHeader {
  if (text.length > HEADER_LIMITS.maxTextLength) {
    throw new WfdbError('wfdb/header-field', file, `header is ${text.length} characters long, more than ${HEADER_LIMITS.maxTextLength}`);
  }
  const specLines: Line[] = [];
  const comments: { text: string; after: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) comments.push({ text: line.slice(1), after: specLines.length });
    else specLines.push({ text: line, number: i + 1 });
  });
  const first = specLines[0];
  if (first === undefined) {
    throw syntaxError({ file, line: 1 }, 'record line', 'the header has no record line');
  }
  const record = parseRecordLine(first.text, { file, line: first.number });
  const expected = record.nSeg ?? record.nSig;
  const rest = specLines.slice(1);
  checkLineCount(rest, expected, record.nSeg === null ? 'signal' : 'segment', file, first.number);
  const isMulti = record.nSeg !== null;
  const signals = isMulti ? [] : rest.map((l) => parseSignalLine(l.text, { file, line: l.number }));
  const segments = isMulti ? rest.map((l) => parseSegmentLine(l.text, { file, line: l.number })) : null;
  const last = specLines.length;
  return {
    record,
    signals,
    segments,
    comments: comments.map((c) => c.text),
    info: comments.filter((c) => c.after >= last).map((c) => c.text),
  };
}

function checkLineCount(rest: Line[], expected: number, kind: string, file: string, recordLine: number): void {
  if (rest.length < expected) {
    const at = rest[rest.length - 1]?.number ?? recordLine;
    throw syntaxError({ file, line: at }, `${kind} lines`, `the record line announces ${expected} ${kind} lines, the header has ${rest.length}`);
  }
  const extra = rest[expected];
  if (extra !== undefined) {
    throw syntaxError({ file, line: extra.number }, `${kind} lines`, `line after the ${expected} ${kind} lines the record line announces`, extra.text);
  }
}

/**
 * Parses the record line.
 * Grammar: `RECORD_NAME[/N_SEG] N_SIG [FS[/COUNTER_FREQ[(BASE_COUNTER)]] [SIG_LEN [BASE_TIME [BASE_DATE]]]]`
 */
export function parseRecordLine(line: string, ctx: FieldContext): RecordLine {
  const f = splitFields(line).map((x) => x.text);
  if (f.length > 6) throw syntaxError(ctx, 'record line', 'more than 6 fields', f[6]);
  const name = matchField(ctx, 'record name', RX_RECORD_NAME, f[0] ?? '', 'RECORD_NAME[/N_SEG]');
  if (f[1] === undefined) throw syntaxError(ctx, 'number of signals', 'missing');
  const nSig = boundedInteger(ctx, 'number of signals', matchField(ctx, 'number of signals', /^(?<n>\d+)$/, f[1], 'an integer').n!, 0, HEADER_LIMITS.maxSignals);
  const record: RecordLine = {
    recordName: name.recordName!,
    nSeg: name.nSeg === undefined ? null : boundedInteger(ctx, 'number of segments', name.nSeg, 1, HEADER_LIMITS.maxSegments),
    nSig,
    fs: DEFAULT_FS,
    counterFreq: null,
    baseCounter: null,
    sigLen: null,
    baseTime: null,
    baseDate: null,
  };
  if (f[2] !== undefined) {
    const g = matchField(ctx, 'sampling frequency', RX_FREQUENCY, f[2], 'FS[/COUNTER_FREQ[(BASE_COUNTER)]]');
    record.fs = positive(ctx, 'sampling frequency', g.fs!);
    if (g.counterFreq !== undefined) record.counterFreq = positive(ctx, 'counter frequency', g.counterFreq);
    if (g.baseCounter !== undefined) record.baseCounter = boundedNumber(ctx, 'base counter', g.baseCounter, -Number.MAX_VALUE, Number.MAX_VALUE);
  }
  if (f[3] !== undefined) {
    matchField(ctx, 'number of samples', RX_UNSIGNED, f[3], 'an unsigned integer');
    record.sigLen = boundedInteger(ctx, 'number of samples', f[3], 0, HEADER_LIMITS.maxFrames);
  }
  if (f[4] !== undefined) record.baseTime = checkBaseTime(ctx, f[4]);
  if (f[5] !== undefined) record.baseDate = checkBaseDate(ctx, f[5]);
  return record;
}

function positive(ctx: FieldContext, field: string, text: string): number {
  const value = boundedNumber(ctx, field, text, 0, HEADER_LIMITS.maxFs);
  if (value === 0) throw fieldError(ctx, field, 'must be greater than 0', text);
  return value;
}

function checkBaseTime(ctx: FieldContext, text: string): string {
  const g = matchField(ctx, 'base time', RX_BASE_TIME, text, 'HH:MM:SS[.fff]');
  const hours = Number(g.hours ?? 0);
  const minutes = Number(g.minutes ?? 0);
  const seconds = Number(g.seconds);
  if (hours > 23 || minutes > 59 || seconds >= 60) throw fieldError(ctx, 'base time', 'is not a time of day', text);
  return text;
}

function checkBaseDate(ctx: FieldContext, text: string): string {
  const g = matchField(ctx, 'base date', RX_BASE_DATE, text, 'DD/MM/YYYY');
  const [day, month, year] = [Number(g.day), Number(g.month), Number(g.year)];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw fieldError(ctx, 'base date', 'is not a calendar date', text);
  }
  return text;
}

/**
 * Parses a signal specification line, applying read defaults.
 * Grammar: `FILE_NAME FORMAT[xSAMPS_PER_FRAME][:SKEW][+BYTE_OFFSET] [ADC_GAIN[(BASELINE)][/UNITS] [ADC_RES [ADC_ZERO [INIT_VALUE [CHECKSUM [BLOCK_SIZE [DESCRIPTION]]]]]]]`
 */
export function parseSignalLine(line: string, ctx: FieldContext): SignalSpec {
  const fields = splitFields(line);
  const f = fields.map((x) => x.text);
  matchField(ctx, 'file name', RX_FILE_NAME, f[0] ?? '', 'a file name');
  if (f[1] === undefined) throw syntaxError(ctx, 'format', 'missing');
  const fmtGroups = matchField(ctx, 'format', RX_FORMAT, f[1], 'FORMAT[xSAMPS_PER_FRAME][:SKEW][+BYTE_OFFSET]');
  const fmt = boundedInteger(ctx, 'format', fmtGroups.fmt!, 0, 99_999);
  const gain = f[2] === undefined ? {} : matchField(ctx, 'ADC gain', RX_GAIN, f[2], 'ADC_GAIN[(BASELINE)][/UNITS]');
  const adcGain = gain.adcGain === undefined ? 0 : boundedNumber(ctx, 'ADC gain', gain.adcGain, -Number.MAX_VALUE, Number.MAX_VALUE);
  const adcRes = optionalInt(ctx, 'ADC resolution', f[3], RX_UNSIGNED, 0, HEADER_LIMITS.maxAdcRes) ?? 0;
  const adcZero = optionalInt(ctx, 'ADC zero', f[4], RX_SIGNED, INT32_MIN, INT32_MAX) ?? 0;
  const initValue = optionalInt(ctx, 'initial value', f[5], RX_SIGNED, INT32_MIN, INT32_MAX);
  const baseline = gain.baseline === undefined ? null : boundedInteger(ctx, 'baseline', gain.baseline, INT32_MIN, INT32_MAX);
  return {
    fileName: f[0]!,
    fmt,
    sampsPerFrame: optionalInt(ctx, 'samples per frame', fmtGroups.sampsPerFrame, RX_UNSIGNED, 1, HEADER_LIMITS.maxSampsPerFrame) ?? 1,
    skew: optionalInt(ctx, 'skew', fmtGroups.skew, RX_UNSIGNED, 0, HEADER_LIMITS.maxSkew) ?? 0,
    byteOffset: optionalInt(ctx, 'byte offset', fmtGroups.byteOffset, RX_UNSIGNED, 0, HEADER_LIMITS.maxByteOffset) ?? 0,
    adcGain: adcGain === 0 ? DEFAULT_ADC_GAIN : adcGain,
    baseline: baseline ?? adcZero,
    units: gain.units ?? DEFAULT_UNITS,
    adcRes: adcRes === 0 ? defaultAdcRes(fmt) : adcRes,
    adcZero,
    initValue: initValue ?? adcZero,
    checksum: optionalInt(ctx, 'checksum', f[6], RX_SIGNED, INT32_MIN, INT32_MAX),
    blockSize: optionalInt(ctx, 'block size', f[7], RX_UNSIGNED, 0, INT32_MAX) ?? 0,
    description: fields[8] === undefined ? '' : line.slice(fields[8].start).trim(),
  };
}

function optionalInt(ctx: FieldContext, field: string, text: string | undefined, rx: RegExp, min: number, max: number): number | null {
  if (text === undefined) return null;
  matchField(ctx, field, rx, text, rx === RX_SIGNED ? 'an integer' : 'an unsigned integer');
  return boundedInteger(ctx, field, text, min, max);
}

/**
 * Parses a segment line of a multi-segment header.
 * Grammar: `SEG_NAME SEG_LEN` (SEG_NAME `~` is a null segment).
 */
export function parseSegmentLine(line: string, ctx: FieldContext): SegmentSpec {
  const f = splitFields(line).map((x) => x.text);
  if (f.length !== 2) throw syntaxError(ctx, 'segment line', 'expected SEG_NAME SEG_LEN', line);
  matchField(ctx, 'segment name', RX_SEGMENT_NAME, f[0]!, 'a record name or ~');
  matchField(ctx, 'segment length', RX_UNSIGNED, f[1]!, 'an unsigned integer');
  return { segName: f[0]!, segLen: boundedInteger(ctx, 'segment length', f[1]!, 0, HEADER_LIMITS.maxFrames) };
}
