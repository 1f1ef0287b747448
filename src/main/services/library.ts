/**
 * `library:samples` (the recordings shipped in `<resources>/samples/`, described in its
 * samples.json) and `library:recent` (the recent list, see recent-store.ts).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SampleRecording } from '../../shared/domain';
import { readJsonOrUndefined } from './json-file';

const samplesFile = z.array(z.object({ name: z.string().regex(/^[\w-]+$/), description: z.string() }));

/**
 * The sample recordings listed in `<resourcesDir>/samples/samples.json` whose header is
 * present, in the listed order. An absent or damaged list gives an empty library rather than
 * an error: the app works without samples.
 */
export async function listSamples(resourcesDir: string): Promise<SampleRecording[]> {
  const folder = join(resourcesDir, 'samples');
  const parsed = samplesFile.safeParse(await readJsonOrUndefined(join(folder, 'samples.json')));
  if (!parsed.success) return [];
  const present: SampleRecording[] = [];
  for (const sample of parsed.data) {
    const path = join(folder, `${sample.name}.hea`);
    try {
      await access(path);
      present.push({ name: sample.name, path, description: sample.description });
    } catch {
      // Listed but not shipped (a trimmed build): leave it out.
    }
  }
  return present;
}
