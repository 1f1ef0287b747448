/**
 * WFDB annotation files (MIT format): pure `parseAnnotations`/`formatAnnotations` and their
 * file counterparts. Conventions follow wfdb-python 4.3.1's `rdann`, the project's
 * reference (`../shared/data/reference/<dataset>/annotations.json`), and WFDB `annot.c`.
 */
import { readFile } from 'node:fs/promises';
import { WfdbError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { formatAnnotations } from './annotation-format';
import { parseAnnotations } from './annotation-parse';
import type { AnnotationSet } from './annotation-types';

export type { Annotation, AnnotationLabel, AnnotationSet } from './annotation-types';
export { parseAnnotations } from './annotation-parse';
export { formatAnnotations } from './annotation-format';
export { ACMAX, ANNOTATION_DESCRIPTIONS, ANNOTATION_SYMBOLS, codeForSymbol, isBeatCode } from './symbols';

/**
 * Reads and parses an annotation file. Throws WfdbError 'wfdb/missing-file' when it does not
 * exist, 'wfdb/annotation' when it cannot be read or parsed (see `parseAnnotations`).
 */
export async function readAnnotationFile(path: string): Promise<AnnotationSet> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileError(path, 'read', error);
  }
  return parseAnnotations(bytes, path);
}

/**
 * Writes an annotation set atomically (`writeFileAtomic`): a reader never sees half a
 * file, and a failed write or a crash leaves the old file intact. Throws what
 * `formatAnnotations` throws (nothing is written then), or WfdbError 'wfdb/annotation'
 * when the file cannot be written.
 */
export async function writeAnnotationFile(path: string, set: AnnotationSet): Promise<void> {
  const bytes = formatAnnotations(set, path);
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    throw fileError(path, 'write', error);
  }
}

function fileError(path: string, verb: 'read' | 'write', error: unknown): WfdbError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
  const reason = error instanceof Error ? error.message : String(error);
  if (verb === 'read' && code === 'ENOENT') {
    return new WfdbError('wfdb/missing-file', path, 'annotation file not found', { errno: code });
  }
  return new WfdbError('wfdb/annotation', path, `cannot ${verb} the annotation file: ${reason}`, { errno: code });
}
