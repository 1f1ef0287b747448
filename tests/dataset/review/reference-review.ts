/**
 * Reviews built from MIT-BIH reference annotations (../shared/data/mitdb/<record>.atr), as
 * if a perfect model had classified every reference beat with certainty: the review core is
 * fed the beats as analysis chunks, so its summary can be checked against facts read from
 * the annotation file itself (beat counts, the cardiologists' rhythm episodes).
 */
import { join, resolve } from 'node:path';
import { repoRoot } from '../../../src/main/repo-root';
import { BEAT_LABELS } from '../../../src/shared/review';
import { aamiClassOf } from '../../../src/main/datasets';
import { ReviewDocument } from '../../../src/main/review';
import { readAnnotationFile, type Annotation } from '../../../src/main/wfdb';

/** ../shared/data/mitdb, from the repository root. */
export const MITDB = resolve(repoRoot(), '../shared/data/mitdb');
/** Every MIT-BIH record is 650,000 frames at 360 Hz. */
export const MITDB_FS = 360;
export const MITDB_FRAMES = 650_000;

/** A rhythm episode of the reference: from its "(X" annotation to the next rhythm change. */
export interface Episode {
  rhythm: string;
  startSec: number;
  endSec: number;
}

/** The reference beats and rhythm episodes of one record, and a review made of its beats. */
export interface ReferenceReview {
  doc: ReviewDocument;
  annotations: Annotation[];
  episodes: Episode[];
}

/** Chunks of `chunkBeats` reference beats, one-hot at their AAMI class (template = class). */
export function referenceChunks(annotations: readonly Annotation[], chunkBeats = 5000, offsetFrames = 0) {
  const beats = annotations.filter((a) => aamiClassOf(a.symbol) !== null);
  const chunks = [];
  for (let i = 0; i < beats.length; i += chunkBeats) {
    const part = beats.slice(i, i + chunkBeats);
    const k = BEAT_LABELS.length;
    const probabilities = new Float32Array(part.length * k);
    const templateIds = new Int32Array(part.length);
    part.forEach((a, j) => {
      const c = BEAT_LABELS.indexOf(aamiClassOf(a.symbol) as (typeof BEAT_LABELS)[number]);
      probabilities[j * k + c] = 1;
      templateIds[j] = c;
    });
    const last = i + chunkBeats >= beats.length;
    const endFrame = last ? MITDB_FRAMES : (beats[i + chunkBeats]?.sample ?? MITDB_FRAMES);
    chunks.push({
      samples: Int32Array.from(part, (a) => a.sample + offsetFrames),
      probabilities,
      templateIds,
      analysedSec: (endFrame + offsetFrames) / MITDB_FS,
      fraction: 1,
    });
  }
  return chunks;
}

/** The rhythm episodes the reference marks (aux "(B", "(T", "(VT", ...). */
export function rhythmEpisodes(annotations: readonly Annotation[]): Episode[] {
  const changes = annotations.filter((a) => a.aux?.startsWith('('));
  return changes.map((a, i) => ({
    rhythm: (a.aux ?? '').replace(/\0/g, ''),
    startSec: a.sample / MITDB_FS,
    endSec: (changes[i + 1]?.sample ?? MITDB_FRAMES) / MITDB_FS,
  }));
}

/** Reads `<record>.atr` and builds its reference review. */
export async function referenceReview(record: string): Promise<ReferenceReview> {
  const { annotations } = await readAnnotationFile(join(MITDB, `${record}.atr`));
  const doc = new ReviewDocument(MITDB_FS);
  for (const chunk of referenceChunks(annotations)) doc.appendChunk(chunk);
  doc.complete = true;
  return { doc, annotations, episodes: rhythmEpisodes(annotations) };
}
