/**
 * `eval-noise [options]`: the noise stress test (src/main/eval/noise-eval.ts) — synthetic
 * baseline wander, electrode motion, muscle artefact and mains interference mixed into the
 * first minutes of MIT-BIH records (DS2 by default) at SNRs from 24 to −6 dB, in memory; the
 * detector's Se/+P and the model's S/V F1 without and with the signal-quality gate.
 */
import { resolve } from 'node:path';
import { DS1_RECORDS, DS2_RECORDS } from '../../main/datasets';
import { evaluateNoise, type NoiseCondition } from '../../main/eval/noise-eval';
import { formatNoiseTable } from '../../main/eval/noise-report';
import { repoRoot } from '../../main/repo-root';
import { NOISE_TYPES, type NoiseType } from '../../main/signal/noise';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { choiceOption, loadModelOption, mitdbDirOption, numberOption, recordList, selectBackendOption } from './ml-args';

const DEFAULT_SNRS = [24, 18, 12, 6, 0, -6];

const USAGE = `Usage: rhythm-attention eval-noise [options]

Noise stress test: synthetic noise (${NOISE_TYPES.join(', ')}) mixed into
both ECG leads at each SNR (WFDB nst's definition), during nst's protocol (clean 0–5 min,
then 2 min noisy / 2 min clean); detection scored as bxb from 5 min on, without and with
the signal-quality gate (its noise segments' beats dropped and excluded from scoring);
the model's S and V F1 likewise. Prints a Markdown table. Nothing is written.

Options:
  --data DIR        MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --split NAME      DS2 (default) or DS1 (the gate was tuned on DS1)
  --records LIST    records (default: every record of the split)
  --types LIST      noise types (default: all): ${NOISE_TYPES.join(',')}
  --snr LIST        SNRs in dB (default ${DEFAULT_SNRS.join(',')})
  --minutes N       minutes of each record (default 15; > 5)
  --seed N          noise seed (default 1)
  --model DIR       classifier (default models/rhythm-attention-default)
  --no-model        score the detector only
  --backend NAME    TF.js backend (default: RA_TF_BACKEND, else auto)
  -h, --help        show this help`;

/** CPU time of this process so far (user + system), minutes: the cost on an unshared core. */
function cpuMinutes(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 60e6;
}

function typesOption(value: string | undefined): NoiseType[] {
  if (value === undefined) return [...NOISE_TYPES];
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((t) => !(NOISE_TYPES as readonly string[]).includes(t));
  if (list.length === 0 || bad !== undefined) throw new UsageError(`--types must list noise types of ${NOISE_TYPES.join(', ')}, got "${value}".`);
  return list as NoiseType[];
}

function snrOption(value: string | undefined): number[] {
  if (value === undefined) return DEFAULT_SNRS;
  return value.split(',').map((s) => numberOption('snr', s.trim())!);
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: {
      data: { type: 'string' }, split: { type: 'string' }, records: { type: 'string' }, types: { type: 'string' },
      snr: { type: 'string' }, minutes: { type: 'string' }, seed: { type: 'string' }, model: { type: 'string' },
      'no-model': { type: 'boolean' }, backend: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  const split = choiceOption('split', values.split, ['DS2', 'DS1'] as const, 'DS2');
  const records = recordList('records', values.records) ?? [...(split === 'DS1' ? DS1_RECORDS : DS2_RECORDS)];
  const minutes = numberOption('minutes', values.minutes, { min: 5.5 }) ?? 15;
  const seed = numberOption('seed', values.seed, { integer: true, min: 0 }) ?? 1;
  const conditions: NoiseCondition[] = [{ type: 'clean' }, ...typesOption(values.types).flatMap((type) => snrOption(values.snr).map((snrDb) => ({ type, snrDb })))];
  let loaded;
  if (!values['no-model']) {
    await selectBackendOption(values.backend, io);
    loaded = await loadModelOption(values.model ?? resolve(repoRoot(), 'models/rhythm-attention-default'));
  }
  io.err(`Noise test: ${records.length} record(s), first ${minutes} min, ${conditions.length} conditions${loaded ? `, model ${loaded.card.name}` : ''}…\n`);
  const started = performance.now();
  const tallies = await evaluateNoise({
    dataDir: mitdbDirOption(values.data), records, conditions, minutes, seed, loaded,
    onRecord: (record, seconds) => io.err(`  ${record}: ${seconds.toFixed(1)} s\n`),
  });
  loaded?.model.dispose();
  io.out(`${formatNoiseTable(tallies)}\n\n${records.length} records (${records.join(' ')}), first ${minutes} min each, seed ${seed}; ${((performance.now() - started) / 60000).toFixed(1)} min wall, ${cpuMinutes().toFixed(1)} min CPU.\n`);
  return EXIT.ok;
}

export const evalNoiseCommand: CliCommand = {
  name: 'eval-noise',
  summary: 'noise stress test: detector Se/+P and S/V F1 per noise type and SNR, with and without the quality gate',
  usage: USAGE,
  run,
};
