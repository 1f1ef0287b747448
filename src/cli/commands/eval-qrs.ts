/**
 * `eval-qrs [--data DIR] [--records 100,105] [--annotator NAME] [--out DIR] [--no-write]`:
 * runs the QRS detector on every annotated record of a WFDB database (MIT-BIH in
 * ../shared/data/mitdb by default), scores it beat by beat as WFDB's `bxb` does, prints the
 * per-record and gross table, and writes the detections as annotation files that `bxb`
 * itself can score (`bxb -r 100 -a atr rqrs` with WFDB="<out> <data>").
 */
import { resolve } from 'node:path';
import { evaluateQrs, formatQrsTable } from '../../main/eval/qrs-eval';
import { repoRoot } from '../../main/repo-root';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { mitdbDirOption } from './ml-args';

const USAGE = `Usage: rhythm-attention eval-qrs [options]

Scores the QRS detector against reference beat annotations, as WFDB's bxb does
(match window 150 ms, comparison from 5 minutes on), and writes its detections as
WFDB annotation files.

Options:
  --data DIR         folder of WFDB records with reference annotations
                     (default: ../shared/data/mitdb beside the project)
  --records LIST     comma-separated record names (default: every annotated record)
  --reference NAME   reference annotator (default: atr)
  --annotator NAME   annotator name of the written detections (default: rqrs)
  --out DIR          folder for the written annotation files (default: .tmp/qrs-out)
  --no-write         write no annotation files
  -h, --help         show this help`;

/** A WFDB annotator name is a file extension: letters, digits, _ and - only. */
const ANNOTATOR = /^[A-Za-z0-9_-]{1,32}$/;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: {
      data: { type: 'string' },
      records: { type: 'string' },
      reference: { type: 'string', default: 'atr' },
      annotator: { type: 'string', default: 'rqrs' },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  for (const name of [values.reference, values.annotator]) {
    if (!ANNOTATOR.test(name)) throw new UsageError(`"${name}" is not an annotator name (letters, digits, _ and - only).`);
  }
  const root = repoRoot();
  const summary = await evaluateQrs({
    dataDir: mitdbDirOption(values.data),
    records: values.records?.split(',').filter(Boolean),
    referenceAnnotator: values.reference,
    writeAnnotator: values['no-write'] ? null : values.annotator,
    outDir: resolve(values.out ?? resolve(root, '.tmp/qrs-out')),
    onRecord: (r) => io.err(`  ${r.record}: ${r.detections} detections\n`),
  });
  io.out(`${formatQrsTable(summary)}\n`);
  if (!values['no-write']) {
    io.out(`\nDetections written to ${resolve(values.out ?? resolve(root, '.tmp/qrs-out'))} (annotator "${values.annotator}").\n`);
  }
  return EXIT.ok;
}

export const evalQrsCommand: CliCommand = {
  name: 'eval-qrs',
  summary: 'score the QRS detector against reference annotations (as WFDB bxb does)',
  usage: USAGE,
  run,
};
