/**
 * The GAN's data: real beats of its classes from DS1 records only (the GAN is part of
 * training, and DS2 is touched once, for the final report: ../shared/docs/protocol.md), and
 * training sets with synthetic beats mixed in.
 *
 * A synthetic beat is a window only; the models also read RR features, which carry most of
 * what tells an S beat from an N beat. Each synthetic beat gets the RR features of a real
 * training beat of the same class drawn at random: the GAN adds morphology, the timing stays
 * that of real beats of the class.
 */
import { DS2_RECORDS, loadRecords, type LoadOptions } from '../../datasets';
import { RR_FEATURE_COUNT } from '../../signal/rr-features';
import { collectBeats, type BeatArrays } from '../training/data';
import { createPrng } from '../training/prng';
import { TrainingError } from '../training/training-error';
import type { GanConfig } from './cgan-models';
import type { GanBeats } from './train-gan';
import { synthesiseBeats } from './train-gan';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The minority classes the GAN makes by default (AAMI S, V, F; issue 10: "S, F, and V if useful"). */
export const GAN_CLASSES: readonly string[] = Object.freeze(['S', 'V', 'F']);

/** The beats of `arrays` whose class (an index into `modelClasses`) is one of `ganClasses`, relabelled into it. */
export function ganBeatsOf(arrays: BeatArrays, modelClasses: readonly string[], ganClasses: readonly string[]): GanBeats {
  const map = modelClasses.map((name) => ganClasses.indexOf(name));
  const picked: number[] = [];
  arrays.classes.forEach((c, i) => {
    if ((map[c] ?? -1) >= 0) picked.push(i);
  });
  const L = arrays.windowLength;
  const windows = new Float32Array(picked.length * L);
  const labels = new Int8Array(picked.length);
  picked.forEach((i, k) => {
    windows.set(arrays.windows.subarray(i * L, (i + 1) * L), k * L);
    labels[k] = map[arrays.classes[i]!]!;
  });
  return { count: picked.length, windowLength: L, windows, labels };
}

/**
 * The beats of DS1 `records` (reference annotations) cut as `load` says, all classes, and
 * the GAN's share of them.
 * @throws TrainingError for a DS2 record; WfdbError for a record that cannot be read.
 */
export async function loadGanBeats(records: readonly string[], load: LoadOptions, modelClasses: readonly string[], ganClasses: readonly string[]): Promise<{ all: BeatArrays; gan: GanBeats }> {
  const leaked = records.filter((r) => DS2_RECORDS.includes(r));
  if (leaked.length > 0) throw new TrainingError(`records ${leaked.join(', ')} are DS2 (test) records: the GAN learns from DS1 only`);
  const all = collectBeats(await loadRecords(records, load), modelClasses.length);
  return { all, gan: ganBeatsOf(all, modelClasses, ganClasses) };
}

/**
 * `train` with synthetic beats appended: `counts[name]` beats of each GAN class, their RR
 * features borrowed from real beats of the class (see the file header). Classes are
 * indices into `modelClasses`, as in `train`.
 * @throws RangeError for a class the GAN or the model does not know, or one with no real beat
 *   to borrow RR features from, and for beats with neighbour differences (a synthetic beat has
 *   no neighbours).
 */
export function mixSynthetic(
  train: BeatArrays,
  gan: { generator: tfl.LayersModel; config: GanConfig },
  modelClasses: readonly string[],
  counts: Readonly<Record<string, number>>,
  seed = 1,
): BeatArrays {
  const L = train.windowLength;
  if (L !== gan.config.windowLength) throw new RangeError(`the GAN makes ${gan.config.windowLength}-sample beats, the training set has ${L}`);
  if (train.differences !== null) throw new RangeError('the GAN makes beats without neighbours, so they cannot join beats read with their neighbour differences');
  const prng = createPrng(seed);
  const parts: { windows: Float32Array; rr: Float32Array; classIndex: number }[] = [];
  for (const [name, count] of Object.entries(counts)) {
    const ganIndex = gan.config.classes.indexOf(name);
    const modelIndex = modelClasses.indexOf(name);
    if (ganIndex < 0 || modelIndex < 0) throw new RangeError(`class ${name} is not one the GAN makes and the model knows`);
    const donors = [...train.classes.keys()].filter((i) => train.classes[i] === modelIndex);
    if (donors.length === 0) throw new RangeError(`no real ${name} beat to borrow RR features from`);
    const rr = new Float32Array(count * RR_FEATURE_COUNT);
    for (let k = 0; k < count; k++) {
      const d = donors[prng.int(donors.length)]!;
      rr.set(train.rr.subarray(d * RR_FEATURE_COUNT, (d + 1) * RR_FEATURE_COUNT), k * RR_FEATURE_COUNT);
    }
    parts.push({ windows: synthesiseBeats(gan.generator, gan.config, ganIndex, count, seed + ganIndex + 1), rr, classIndex: modelIndex });
  }
  const added = parts.reduce((n, p) => n + p.windows.length / L, 0);
  const out: BeatArrays = {
    count: train.count + added, windowLength: L,
    windows: new Float32Array((train.count + added) * L), differences: null, rr: new Float32Array((train.count + added) * RR_FEATURE_COUNT),
    classes: new Int8Array(train.count + added), records: [...train.records, 'synthetic'],
  };
  out.windows.set(train.windows);
  out.rr.set(train.rr);
  out.classes.set(train.classes);
  let at = train.count;
  for (const part of parts) {
    const n = part.windows.length / L;
    out.windows.set(part.windows, at * L);
    out.rr.set(part.rr, at * RR_FEATURE_COUNT);
    out.classes.fill(part.classIndex, at, at + n);
    at += n;
  }
  return out;
}
