/**
 * `info <record.hea|record>`: what a record's header says (record, frequency, length,
 * base time and date, each signal's format, gain, units and ADC), its comments, and per
 * annotator beside it the number of annotations of each symbol.
 */
import { findAnnotators } from '../../main/services/annotations';
import { signalName } from '../../main/services/describe-record';
import { toHeaderPath } from '../../main/services/recordings';
import { openRecord, type WfdbRecord } from '../../main/wfdb';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = `Usage: rhythm-attention info <record.hea | record>

Prints a WFDB record's header fields, its comments and a count of annotations per
symbol for each annotation file beside it (<record>.atr, …).

Options:
  -h, --help   show this help`;

/** `seconds` as h:mm:ss, with milliseconds when not whole (1805.556 → "0:30:05.556"). */
export function formatDuration(seconds: number): string {
  const totalMs = Math.round(seconds * 1000);
  const ms = totalMs % 1000;
  const totalSec = Math.floor(totalMs / 1000);
  const hms = `${Math.floor(totalSec / 3600)}:${pad2(Math.floor(totalSec / 60) % 60)}:${pad2(totalSec % 60)}`;
  return ms === 0 ? hms : `${hms}.${String(ms).padStart(3, '0')}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The header part of the report, one `label  value` line per field, then the signal table. */
export function describeHeader(record: WfdbRecord): string[] {
  const { record: line, comments, segments } = record.header;
  const lines = [
    `Record      ${record.name}`,
    `Header      ${record.headerPath}`,
    `Frequency   ${record.frameRateHz} Hz`,
    `Length      ${formatDuration(record.frameCount / record.frameRateHz)} (${record.frameCount} frames)`,
    `Base time   ${line.baseTime ?? '-'}`,
    `Base date   ${line.baseDate ?? '-'}`,
  ];
  if (segments) lines.push(`Segments    ${segments.length}`);
  lines.push(`Signals     ${record.signals.length}`);
  const rows = record.signals.map((s) => [
    String(s.index),
    signalName(s),
    String(s.format),
    String(s.adcGain),
    s.units,
    String(s.baseline),
    `${s.adcResolution}`,
    String(s.adcZero),
    String(s.samplesPerFrame),
    s.fileName,
  ]);
  lines.push(...table(['#', 'name', 'format', 'gain', 'units', 'baseline', 'ADC bits', 'ADC zero', 'spf', 'file'], rows));
  lines.push(`Comments    ${comments.length === 0 ? '-' : ''}`.trimEnd(), ...comments.map((c) => `  ${c.trim()}`));
  return lines;
}

/** Left-aligned columns, two spaces apart, indented by two. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]): string => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [render(head), ...rows.map(render)];
}

/** Counts of each symbol, most frequent first (ties by symbol), as "N 2239, A 33". */
export function countSymbols(symbols: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const symbol of symbols) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine({ args: [...args], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (parsed.values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('info takes exactly one record.');
  const headerPath = toHeaderPath(parsed.positionals[0] as string);
  const record = await openRecord(headerPath);
  try {
    const lines = describeHeader(record);
    const annotators = await findAnnotators(record, headerPath);
    lines.push(`Annotations ${annotators.length === 0 ? '-' : ''}`.trimEnd());
    for (const { info, indexed } of annotators) {
      const counts = countSymbols(indexed.set.annotations.map((a) => a.symbol));
      lines.push(`  ${info.name}: ${info.count} (${counts.map(([s, n]) => `${s || '?'} ${n}`).join(', ')})`);
    }
    io.out(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await record.close();
  }
}

/** The `info` command. */
export const infoCommand: CliCommand = { name: 'info', summary: "print a record's header and annotation summary", usage: USAGE, run };
