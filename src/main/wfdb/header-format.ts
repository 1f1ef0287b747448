/**
 * Writes a `WfdbHeader` as header(5) text, the inverse of `parseHeader`: the comments that
 * are not info strings, the record line, signal or segment lines, then the info strings,
 * LF-terminated. Positional
 * fields are written up to the last one that is not at its read default, so that
 * `parseHeader(formatHeader(h), f)` equals `h`.
 */
import { WfdbError } from '../../shared/errors';
import { defaultAdcRes } from './header-fields';
import type { RecordLine, SegmentSpec, SignalSpec, WfdbHeader } from './header-spec';

const FILE = 'header';

/**
 * Formats a header as text.
 * @throws WfdbError 'wfdb/header-field' when a value cannot be written so that it reads
 *   back the same: a field that follows an absent one (a base time without a length, a
 *   description without a checksum), a line break or space where none may be, or a
 *   number that is not finite.
 */
export function formatHeader(header: WfdbHeader): string {
  const lines: string[] = [];
  const leading = header.comments.length - header.info.length;
  if (leading < 0 || header.info.some((c, i) => header.comments[leading + i] !== c)) {
    throw unwritable('info strings', 'must be the last comments');
  }
  for (const c of header.comments.slice(0, leading)) lines.push(`#${oneLine(c, 'comment')}`);
  lines.push(formatRecordLine(header.record));
  if (header.segments === null) {
    for (const s of header.signals) lines.push(formatSignalLine(s));
  } else {
    for (const s of header.segments) lines.push(formatSegmentLine(s));
  }
  for (const c of header.info) lines.push(`#${oneLine(c, 'info string')}`);
  return `${lines.join('\n')}\n`;
}

function formatRecordLine(r: RecordLine): string {
  let freq = num(r.fs, 'sampling frequency');
  if (r.counterFreq !== null) freq += `/${num(r.counterFreq, 'counter frequency')}`;
  if (r.baseCounter !== null) {
    if (r.counterFreq === null) throw unwritable('base counter', 'needs a counter frequency');
    freq += `(${num(r.baseCounter, 'base counter')})`;
  }
  const fields = [`${word(r.recordName, 'record name')}${r.nSeg === null ? '' : `/${r.nSeg}`}`, String(r.nSig), freq];
  const tail: (string | null)[] = [r.sigLen === null ? null : String(r.sigLen), r.baseTime, r.baseDate];
  const names = ['number of samples', 'base time', 'base date'];
  const last = lastPresent(tail);
  for (let i = 0; i <= last; i++) {
    const v = tail[i];
    if (v === null || v === undefined) throw unwritable(names[i]!, `is absent but ${names[last]} is present`);
    fields.push(word(v, names[i]!));
  }
  return fields.join(' ');
}

function formatSignalLine(s: SignalSpec): string {
  let fmt = String(s.fmt);
  if (s.sampsPerFrame !== 1) fmt += `x${s.sampsPerFrame}`;
  if (s.skew !== 0) fmt += `:${s.skew}`;
  if (s.byteOffset !== 0) fmt += `+${s.byteOffset}`;
  const units = s.units === '' ? '' : `/${word(s.units, 'units')}`;
  const gain = `${num(s.adcGain, 'ADC gain')}(${s.baseline})${units}`;
  // Positional fields after the gain, with whether each differs from its read default.
  const tail: [string | null, boolean][] = [
    [String(s.adcRes), s.adcRes !== defaultAdcRes(s.fmt)],
    [String(s.adcZero), s.adcZero !== 0],
    [String(s.initValue), s.initValue !== s.adcZero],
    [s.checksum === null ? null : String(s.checksum), s.checksum !== null],
    [String(s.blockSize), s.blockSize !== 0],
    [oneLine(s.description, 'description').trim(), s.description !== ''],
  ];
  if (s.description !== s.description.trim()) throw unwritable('description', 'has leading or trailing spaces');
  const fields = [word(s.fileName, 'file name'), fmt, gain];
  const last = lastPresent(tail.map(([v, differs]) => (differs ? v : null)));
  for (let i = 0; i <= last; i++) {
    const v = tail[i]![0];
    if (v === null) throw unwritable('checksum', 'is absent but a later field is present');
    fields.push(v);
  }
  return fields.join(' ');
}

function formatSegmentLine(s: SegmentSpec): string {
  return `${word(s.segName, 'segment name')} ${s.segLen}`;
}

function lastPresent(values: (string | null)[]): number {
  let last = -1;
  values.forEach((v, i) => {
    if (v !== null) last = i;
  });
  return last;
}

function num(value: number, field: string): string {
  if (!Number.isFinite(value)) throw unwritable(field, `is not a finite number (${value})`);
  return String(value);
}

function word(text: string, field: string): string {
  if (text === '' || /\s/.test(text)) throw unwritable(field, `must be one word without spaces ("${text}")`);
  return text;
}

function oneLine(text: string, field: string): string {
  if (/[\r\n]/.test(text)) throw unwritable(field, 'contains a line break');
  return text;
}

function unwritable(field: string, problem: string): WfdbError {
  return new WfdbError('wfdb/header-field', FILE, `cannot write ${field}: ${problem}`, { field });
}
