/**
 * `grad-cam <model folder> <record> [options]`: Grad-CAM of a model's decisions on a
 * record's beats (src/main/ml/explain), printed per beat as where the map's mass lies
 * relative to the R peak, or as JSON with the maps. The beats are our detector's, windowed
 * as the model's card says, as `predict` finds them.
 */
import { extname } from 'node:path';
import { AAMI_CLASSES } from '../../main/datasets';
import { explainBeats } from '../../main/ml/explain';
import { loadDetectedBeats } from '../../main/ml/inference';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, loadModelOption, numberOption, selectBackendOption } from './ml-args';

const USAGE = `Usage: rhythm-attention grad-cam <model folder> <record> [options]

Grad-CAM per beat (gradient of the predicted class w.r.t. the model's last convolutional
feature map, ReLU, interpolated onto the input window; every architecture and ensembles):
prints, per beat, the predicted class (and the reference class where annotated), the
time of the map's peak and the span around it holding half its mass, relative to the R peak.
<record> is a WFDB record path (with or without .hea).

Options:
  --first N         explain the first N beats (default 10)
  --class C         only beats the model puts in class C (${AAMI_CLASSES.join(', ')})
  --json            print JSON with the maps instead
  --backend NAME    ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  -h, --help        show this help`;

/** Peak and the span around the peak holding half of a map's mass, in samples from the window start. */
function summarise(map: Float32Array): { peak: number; from: number; to: number } {
  let peak = 0;
  for (let j = 1; j < map.length; j++) if (map[j]! > map[peak]!) peak = j;
  let [from, to, mass] = [peak, peak, map[peak]!];
  while (mass < 0.5 && (from > 0 || to < map.length - 1)) {
    const left = from > 0 ? map[from - 1]! : -1;
    const right = to < map.length - 1 ? map[to + 1]! : -1;
    if (left >= right) mass += map[--from]!;
    else mass += map[++to]!;
  }
  return { peak, from, to };
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: { first: { type: 'string' }, class: { type: 'string' }, json: { type: 'boolean' }, backend: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError('Give a model folder and a record.');
  const first = numberOption('first', values.first, { integer: true, min: 1 }) ?? 10;
  await selectBackendOption(values.backend, io);
  const loaded = await loadModelOption(positionals[0]!);
  const classNames = loaded.card.model.classes;
  const wanted = values.class === undefined ? -1 : classNames.indexOf(values.class);
  if (values.class !== undefined && wanted < 0) throw new UsageError(`--class must be one of ${classNames.join(', ')}, got "${values.class}".`);
  const record = positionals[1]!;
  const beats = await loadDetectedBeats(extname(record) === '.hea' ? record : `${record}.hea`, loaded.card);
  const L = beats.windowLength;
  const explained = explainBeats(loaded, beats);
  const chosen = [...explained.classes.keys()].filter((i) => wanted < 0 || explained.classes[i] === wanted).slice(0, first);
  const { window } = loaded.card.input;
  const rIndex = window.placement.kind === 'centred' ? window.placement.beforeSamples : 0;
  const ms = (j: number): string => `${Math.round(((j - rIndex) / window.rateHz) * 1000)}`;
  if (values.json) {
    const out = chosen.map((i) => ({ beat: i, sample: beats.samples[i], predicted: classNames[explained.classes[i]!], reference: AAMI_CLASSES[beats.classes[i]!] ?? null, map: Array.from(explained.maps.subarray(i * L, (i + 1) * L)) }));
    io.out(`${JSON.stringify({ model: loaded.dir, layer: explained.layer, rateHz: window.rateHz, rIndex, beats: out })}\n`);
  } else {
    io.out(`Grad-CAM of ${loaded.card.name} on layer ${explained.layer}; times in ms from the R peak${rIndex === 0 ? ' (window start: not a centred window)' : ''}:\n`);
    for (const i of chosen) {
      const { peak, from, to } = summarise(explained.maps.subarray(i * L, (i + 1) * L));
      const reference = AAMI_CLASSES[beats.classes[i]!];
      io.out(`  beat ${i} at ${(beats.samples[i]! / beats.fs).toFixed(2)} s: ${classNames[explained.classes[i]!]}${reference ? ` (reference ${reference})` : ''}, peak ${ms(peak)}, half in [${ms(from)}, ${ms(to)}]\n`);
    }
  }
  loaded.model.dispose();
  return EXIT.ok;
}

export const gradCamCommand: CliCommand = {
  name: 'grad-cam',
  summary: 'Grad-CAM per beat of a model on a record (where in the beat the decision comes from)',
  usage: USAGE,
  run,
};
