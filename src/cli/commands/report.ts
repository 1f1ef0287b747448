/**
 * `report <record> [options]`: the PDF report of a record's review, made by the same
 * services as the app: open the record, start (or restore) its review, wait until the
 * analysis has finished, take the draft (fields from the header, default strips) with the
 * command line's changes, and write the PDF. With `--data-dir` pointing at the app's data
 * folder, the report shows the review as edited in the app.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ReportFields } from '../../shared/report';
import { AppError } from '../../shared/errors';
import { CALLS } from '../../shared/ipc-contract';
import { disposeAnalysisWorkers } from '../../main/analysis';
import { repoRoot } from '../../main/repo-root';
import { createServices, type Services } from '../../main/services';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, backendOption } from './ml-args';

const FIELD_KEYS = ['patientName', 'patientId', 'age', 'sex', 'medications', 'indication', 'recordedAt', 'comments'] as const satisfies readonly (keyof ReportFields)[];

const USAGE = `Usage: rhythm-attention report <record> [options]

Writes the PDF report of a record's review: the record is analysed with the app's model
(or its saved review restored from --data-dir), and the report gets the fields of its
header, the default strips (the first beat of each class, runs and pauses) and a sign-off.
<record> is a header path, with or without .hea.

Options:
  --out FILE              where to write the PDF (default: <record>-report-<time>.pdf here)
  --data-dir DIR          the data folder holding reviews and settings (default: a
                          temporary one, removed afterwards); the PDF is also kept in
                          its exports/ folder
  --sign NAME             sign the report as NAME (without it the report is a DRAFT)
  --conclusion TEXT       the conclusion printed above the signature
  --field KEY=VALUE       set a form field; repeatable; keys: ${FIELD_KEYS.join(', ')}
  --backend NAME          ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  -h, --help              show this help`;

/** The form's fields after the command line's `--field key=value` changes. @throws UsageError for a malformed or unknown key */
export function applyFieldOptions(fields: ReportFields, options: readonly string[]): ReportFields {
  const out = { ...fields };
  for (const option of options) {
    const eq = option.indexOf('=');
    const key = eq < 0 ? option : option.slice(0, eq);
    if (eq < 0 || !(FIELD_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`--field takes KEY=VALUE with KEY one of ${FIELD_KEYS.join(', ')}; got "${option}".`);
    }
    out[key as keyof ReportFields] = option.slice(eq + 1);
  }
  return out;
}

/** Waits until the review's analysis stops; @throws the analysis's error when it failed. */
async function analysisDone(services: Services, recordingId: string, io: CliIo): Promise<void> {
  let shown = -1;
  for (;;) {
    const status = await services.handlers['review:status']({ recordingId });
    if (status.state === 'failed') throw new AppError(status.error?.code ?? 'ml/analysis', status.error?.message ?? 'The analysis failed.');
    if (status.state !== 'running') return;
    const tenth = Math.floor(status.fraction * 10);
    if (tenth > shown) io.err(`analysing: ${tenth * 10} %\n`);
    shown = tenth;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      sign: { type: 'string' },
      conclusion: { type: 'string' },
      field: { type: 'string', multiple: true },
      backend: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('report takes exactly one record.');
  const mlBackend = backendOption(values.backend);
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : await mkdtemp(join(tmpdir(), 'ra-report-'));
  const { version } = JSON.parse(await readFile(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
  const services = createServices({ dataDir, resourcesDir: resolve(repoRoot(), 'resources'), transport: 'loopback', version, mlBackend });
  try {
    const { id } = await services.handlers['recording:open']({ path: positionals[0] as string });
    await services.handlers['review:start']({ recordingId: id });
    await analysisDone(services, id, io);
    const draft = await services.handlers['report:draft']({ recordingId: id });
    const parsed = CALLS['report:create'].request.safeParse({
      recordingId: id,
      fields: applyFieldOptions(draft.fields, values.field ?? []),
      stripIds: draft.candidates.filter((c) => c.selected).map((c) => c.id),
      signOff: { reviewer: values.sign ?? draft.reviewer, conclusion: values.conclusion ?? '', signed: values.sign !== undefined },
    });
    if (!parsed.success) throw new UsageError(`The report's fields are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const file = await services.handlers['report:create'](parsed.data);
    const out = resolve(values.out ?? file.fileName);
    await copyFile(file.path, out);
    io.out(`${out} (${file.sizeBytes.toLocaleString('en-US')} bytes, ${parsed.data.stripIds.length} strips, ${parsed.data.signOff.signed ? `signed by ${parsed.data.signOff.reviewer}` : 'DRAFT, not signed'})\n`);
    return EXIT.ok;
  } finally {
    await services.close();
    await disposeAnalysisWorkers();
    if (!values['data-dir']) await rm(dataDir, { recursive: true, force: true });
  }
}

/** The `report` command. */
export const reportCommand: CliCommand = { name: 'report', summary: "write the PDF report of a record's review (the same services as the app)", usage: USAGE, run };
