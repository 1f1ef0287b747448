/**
 * Builders for the review tests: analysis chunks and documents from short label strings
 * ("NNVNNV"), so that each test states its beats in one line.
 */
import { BEAT_LABELS, type BeatLabel } from '../../../../src/shared/review';
import { ReviewDocument, type ChunkInput } from '../../../../src/main/review';
import type { Actor } from '../../../../src/main/review';

/** The frame rate the tests use (MIT-BIH's). */
export const FS = 360;

/** Probabilities with `confidence` on `label` and the rest spread evenly. */
export function probabilitiesOf(labels: readonly BeatLabel[], confidences: readonly number[]): Float32Array {
  const k = BEAT_LABELS.length;
  const out = new Float32Array(labels.length * k);
  labels.forEach((label, i) => {
    const c = confidences[i] ?? 0.99;
    for (let j = 0; j < k; j++) out[i * k + j] = (1 - c) / (k - 1);
    out[i * k + BEAT_LABELS.indexOf(label)] = c;
  });
  return out;
}

/** A chunk of beats at `samples` with these labels (a string like "NNV" or an array). */
export function chunkOf(
  samples: readonly number[],
  labels: string | readonly BeatLabel[],
  options: { confidences?: readonly number[]; templates?: readonly number[]; analysedSec?: number; fraction?: number } = {},
): ChunkInput {
  const list = (typeof labels === 'string' ? [...labels] : labels) as BeatLabel[];
  return {
    samples: Int32Array.from(samples),
    probabilities: probabilitiesOf(list, options.confidences ?? []),
    templateIds: Int32Array.from(options.templates ?? list.map((l) => BEAT_LABELS.indexOf(l))),
    analysedSec: options.analysedSec ?? ((samples[samples.length - 1] ?? 0) + 1) / FS,
    fraction: options.fraction ?? 1,
  };
}

/** A complete review of beats every `rrSec` seconds (first at `rrSec`) with these labels. */
export function docOf(labels: string, rrSec = 1, confidences: readonly number[] = []): ReviewDocument {
  const doc = new ReviewDocument(FS);
  const samples = [...labels].map((_, i) => Math.round((i + 1) * rrSec * FS));
  doc.appendChunk(chunkOf(samples, labels, { confidences }));
  doc.complete = true;
  return doc;
}

/** The reviewer "Dr Test" at 2025-01-01T00:00:`second`Z. */
export function actorAt(second = 0, reviewer = 'Dr Test'): Actor {
  return { reviewer, at: new Date(Date.UTC(2025, 0, 1, 0, 0, second)) };
}

/** Every shown beat of `doc`, as the contract shows them. */
export function shownBeats(doc: ReviewDocument) {
  return doc.beatsInRange(0, Number.MAX_SAFE_INTEGER);
}
