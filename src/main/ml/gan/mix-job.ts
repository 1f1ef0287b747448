/**
 * Synthetic beats for a training job (`train --synthetic DIR --synthetic-count S=2000,F=1000`):
 * a trained generator folder (./gan-store) makes the asked beats per class and ./gan-data
 * `mixSynthetic` appends them to the job's training beats only. The validation beats, which
 * choose the epoch kept, and DS2 never see a synthetic beat.
 *
 * The generator is refused (TrainingError naming its folder) when it cuts beats otherwise
 * than the job (window, filter: the GAN would make beats the model never reads), or when it
 * learnt from a validation record of the job or a DS2 record: its beats would then carry
 * those patients' morphology into training, a leak the record split exists to prevent.
 */
import { basename } from 'node:path';
import { DS2_RECORDS } from '../../datasets';
import type { FilterConfig } from '../../datasets/filter-config';
import type { BeatWindowConfig } from '../../signal/beat-windows';
import type { BeatArrays } from '../training/data';
import { TrainingError } from '../training/training-error';
import { mixSynthetic } from './gan-data';
import { loadGenerator } from './gan-store';

/** What to synthesise: plain data, so that it crosses into the training worker with the job. */
export interface SyntheticSpec {
  /** Folder of a trained generator (`gan-train --out`). */
  ganDir: string;
  /** Beats to make per class name, e.g. { S: 2000, F: 1000 }. */
  counts: Record<string, number>;
  /** Seed of the noise and of the RR donors. */
  seed: number;
}

/** What was mixed in, for the model card (the folder by name only: no machine path in a card). */
export interface SyntheticSummary {
  generator: string;
  counts: Record<string, number>;
  seed: number;
  /** The DS1 records, steps and seed the generator was trained with (its card). */
  ganTrainRecords: string[];
  ganSteps: number;
  ganSeed: number;
}

/** What the job reads, as far as the synthetic beats must match it. */
export interface SyntheticTarget {
  classes: readonly string[];
  window: BeatWindowConfig;
  filter: FilterConfig;
  validationRecords: readonly string[];
}

/** JSON with sorted keys and no undefined fields: configs compared by value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function checkCounts(spec: SyntheticSpec): void {
  for (const [name, n] of Object.entries(spec.counts)) {
    if (!Number.isInteger(n) || n < 0) throw new TrainingError(`synthetic beats of ${name}: expected a whole number ≥ 0, got ${n}`);
  }
}

/**
 * `train` with the synthetic beats of `spec` appended (see the file header), and what was
 * added. Only the training beats are given: a caller cannot hand its validation beats in.
 * @throws TrainingError for a generator that does not fit the job, saw its validation or
 *   DS2 records, or cannot make an asked class; ModelLoadError for a damaged folder.
 */
export async function addSyntheticBeats(train: BeatArrays, spec: SyntheticSpec, target: SyntheticTarget): Promise<{ train: BeatArrays; summary: SyntheticSummary }> {
  checkCounts(spec);
  const { generator, card } = await loadGenerator(spec.ganDir);
  try {
    const where = `the GAN in ${spec.ganDir}`;
    if (canonical(card.window) !== canonical(target.window)) throw new TrainingError(`${where} makes ${card.window.length}-sample beats at ${card.window.rateHz} Hz cut otherwise than this model's window`);
    if (canonical(card.filter) !== canonical(target.filter)) throw new TrainingError(`${where} learnt from beats filtered otherwise than this model's`);
    const leaked = card.trainRecords.filter((r) => target.validationRecords.includes(r) || DS2_RECORDS.includes(r));
    if (leaked.length > 0) throw new TrainingError(`${where} learnt from records ${leaked.join(', ')}, which are validation or DS2 records of this run`);
    const counts = Object.fromEntries(Object.entries(spec.counts).filter(([, n]) => n > 0));
    let mixed: BeatArrays;
    try {
      mixed = mixSynthetic(train, { generator, config: card.config }, target.classes, counts, spec.seed);
    } catch (error) {
      if (error instanceof RangeError) throw new TrainingError(`${where}: ${error.message}`);
      throw error;
    }
    return {
      train: mixed,
      summary: { generator: basename(spec.ganDir), counts, seed: spec.seed, ganTrainRecords: [...card.trainRecords], ganSteps: card.steps, ganSeed: card.seed },
    };
  } finally {
    generator.dispose();
  }
}
