/**
 * `irregular-rhythm <model> [options]`: sets (or removes) the model card's rule for beats in
 * an irregular rhythm (src/main/ml/irregular-rhythm-rule): inside atrial fibrillation or
 * flutter, as the RR intervals show it, the listed classes are not called and their
 * probability goes to the first class. The weights are untouched; the app, the CLI and the
 * evaluation apply the rule wherever they read the card.
 */
import { readModelCard, writeModelCard } from '../../main/ml';
import { checkCardConsistency, type ModelCard } from '../../main/ml/model-card';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { numberOption, resolveModelDir } from './ml-args';

const USAGE = `Usage: rhythm-attention irregular-rhythm <model folder> [options]

Sets the model card's rule for beats in an irregular rhythm. A beat counts as inside atrial
fibrillation or flutter when the median of the RR irregularity (rrIrregularity) over the
beats around it is above the threshold; there the classes given are not called, and the
probability the network gave them goes to the first class (N). The weights do not change.
<model folder> is a model (with model-card.json) or a training output folder (its best/).

Options:
  --threshold X          rrIrregularity median above which the rhythm is irregular (e.g. 0.1)
  --smoothing-beats N    beats on each side of the median's window (e.g. 30)
  --not-called LIST      classes not called inside the rhythm, comma-separated (e.g. S,F)
  --chosen-by TEXT       how the rule was chosen, kept in the card
  --remove               remove the rule instead
  -h, --help             show this help`;

/** The card with the rule the options give, or without any rule for --remove. */
function ruledCard(card: ModelCard, values: Record<string, string | boolean | undefined>): ModelCard {
  const { irregularRhythm: _previous, ...rest } = card;
  if (values.remove === true) {
    if (values.threshold !== undefined || values['smoothing-beats'] !== undefined || values['not-called'] !== undefined) throw new UsageError('--remove takes no other rule option.');
    return rest;
  }
  const threshold = numberOption('threshold', values.threshold as string | undefined, { min: Number.MIN_VALUE });
  const smoothingBeats = numberOption('smoothing-beats', values['smoothing-beats'] as string | undefined, { integer: true, min: 0 });
  const notCalled = (values['not-called'] as string | undefined)?.split(',').map((s) => s.trim()).filter(Boolean);
  if (threshold === undefined || smoothingBeats === undefined || notCalled === undefined || notCalled.length === 0) {
    throw new UsageError('Give --threshold, --smoothing-beats and --not-called (or --remove).');
  }
  const chosenBy = values['chosen-by'] as string | undefined;
  return { ...rest, irregularRhythm: { threshold, smoothingBeats, notCalled, ...(chosenBy === undefined ? {} : { chosenBy }) } };
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      threshold: { type: 'string' }, 'smoothing-beats': { type: 'string' }, 'not-called': { type: 'string' }, 'chosen-by': { type: 'string' },
      remove: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Give exactly one model folder.');
  const dir = await resolveModelDir(positionals[0]!);
  const card = ruledCard(await readModelCard(dir), values);
  try {
    checkCardConsistency(card, dir);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  await writeModelCard(dir, card);
  const rule = card.irregularRhythm;
  io.out(
    rule === undefined
      ? `Removed the irregular-rhythm rule from ${dir}/model-card.json\n`
      : `Irregular-rhythm rule saved in ${dir}/model-card.json: where the median rrIrregularity of ±${rule.smoothingBeats} beats exceeds ${rule.threshold}, ${rule.notCalled.join(', ')} are not called (their probability goes to ${card.model.classes[0]}).\n`,
  );
  return EXIT.ok;
}

export const irregularRhythmCommand: CliCommand = {
  name: 'irregular-rhythm',
  summary: "set or remove a model's rule for beats in atrial fibrillation (classes not called there)",
  usage: USAGE,
  run,
};
