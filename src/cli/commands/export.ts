/**
 * `export <record> --annotations NAME [--symbols mit|aami] | --csv | --json [--out FILE]
 * [--data-dir DIR]`: writes a record's reviewed beats as a WFDB annotation file or a beat
 * table through the same services as the app (open, review:start, wait for the analysis,
 * export:*). The review is the app's own when --data-dir is the app's data folder (the
 * default), so the reviewer's edits are in the export; a record never reviewed is analysed
 * first.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ExportedFile } from '../../shared/report';
import type { ReviewStatus } from '../../shared/review';
import { writeFileAtomic } from '../../main/fs/atomic-write';
import { repoRoot } from '../../main/repo-root';
import { defaultDataDir } from '../../main/serve/options';
import { createServices, type Services } from '../../main/services';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = `Usage: rhythm-attention export <record> (--annotations NAME [--symbols mit|aami] | --csv | --json) [options]

Exports the reviewed beats of a WFDB record (<record>: a header path, with or without
.hea): deleted beats left out, added beats in. The review is the one the app keeps in the
data folder, with the reviewer's edits; a record without one is analysed first.

  --annotations NAME   a WFDB annotation file <record>.NAME (NAME: letters, digits, _ -);
                       subtyp marks the reviewer's work: 0 model, 1 confirmed,
                       2 relabelled, 3 added
  --symbols mit|aami   mit: N A V F Q (default); aami: N S V F Q
  --csv, --json        a beat table: time, sample, class, model class, confidence,
                       what the reviewer did, by whom and when

Options:
  --out FILE           also write the file here (it always goes to <data dir>/exports/)
  --data-dir DIR       the app's data folder (default ${defaultDataDir()})
  -h, --help           show this help`;

/** How often the analysis is polled, ms. */
const POLL_MS = 200;
/** Least time between two progress lines, ms. */
const PROGRESS_MS = 5000;

type Request = { kind: 'annotations'; annotator: string; symbols: 'mit' | 'aami' } | { kind: 'beats'; format: 'csv' | 'json' };

function parse(args: readonly string[]) {
  return parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      annotations: { type: 'string' },
      symbols: { type: 'string' },
      csv: { type: 'boolean' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The export the options ask for. @throws UsageError unless exactly one is asked for, well formed */
export function exportRequest(values: { annotations?: string; symbols?: string; csv?: boolean; json?: boolean }): Request {
  const asked = [values.annotations !== undefined, values.csv === true, values.json === true].filter(Boolean).length;
  if (asked !== 1) throw new UsageError('Choose one of --annotations NAME, --csv or --json.');
  if (values.annotations !== undefined) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(values.annotations)) {
      throw new UsageError(`--annotations "${values.annotations}": an annotator name is 1 to 32 letters, digits, _ or -.`);
    }
    const symbols = values.symbols ?? 'mit';
    if (symbols !== 'mit' && symbols !== 'aami') throw new UsageError(`--symbols must be mit or aami, not "${symbols}".`);
    return { kind: 'annotations', annotator: values.annotations, symbols };
  }
  if (values.symbols !== undefined) throw new UsageError('--symbols goes with --annotations.');
  return { kind: 'beats', format: values.csv ? 'csv' : 'json' };
}

/**
 * Opens the record at `recordPath`, starts (or restores) its review and waits until its
 * analysis is over, writing progress to stderr. Resolves to the recording id.
 * @throws AppError 'review/incomplete' when the analysis stops before the end (its status's error when it failed)
 */
export async function analysedReview(services: Services, recordPath: string, io: CliIo): Promise<string> {
  const { handlers } = services;
  const info = await handlers['recording:open']({ path: recordPath });
  let status: ReviewStatus = await handlers['review:start']({ recordingId: info.id });
  let lastLine = 0;
  while (status.state === 'running') {
    if (Date.now() - lastLine >= PROGRESS_MS) {
      io.err(`Analysing ${info.recordName}: ${Math.floor(status.fraction * 100)} % (${status.message})\n`);
      lastLine = Date.now();
    }
    await new Promise((done) => setTimeout(done, POLL_MS));
    status = await handlers['review:status']({ recordingId: info.id });
  }
  if (status.state !== 'done') {
    const why = status.error ? `: ${status.error.message}` : '';
    throw new AppError('review/incomplete', `The analysis of record ${info.recordName} ended ${status.state}${why}.`, { state: status.state });
  }
  return info.id;
}

function appVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

async function exportWith(services: Services, recordingId: string, request: Request): Promise<ExportedFile> {
  const { handlers } = services;
  return request.kind === 'annotations'
    ? handlers['export:annotations']({ recordingId, annotator: request.annotator, symbols: request.symbols })
    : handlers['export:beats']({ recordingId, format: request.format });
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('export takes exactly one record.');
  const request = exportRequest(values);
  const services = createServices({
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    resourcesDir: join(repoRoot(), 'resources'),
    transport: 'loopback',
    version: appVersion(),
  });
  try {
    const recordingId = await analysedReview(services, positionals[0] as string, io);
    const file = await exportWith(services, recordingId, request);
    io.out(`Wrote ${file.path} (${file.sizeBytes} bytes)\n`);
    if (values.out !== undefined) {
      const out = resolve(values.out);
      try {
        await mkdir(dirname(out), { recursive: true });
        await writeFileAtomic(out, Buffer.from(file.dataBase64, 'base64'));
      } catch (error) {
        throw new AppError('file/write', `${out}: cannot write the export: ${(error as Error).message}`, { file: out });
      }
      io.out(`Wrote ${out}\n`);
    }
    return EXIT.ok;
  } finally {
    await services.close();
  }
}

/** The `export` command. */
export const exportCommand: CliCommand = { name: 'export', summary: "write a record's reviewed beats as WFDB annotations or a CSV/JSON table", usage: USAGE, run };
