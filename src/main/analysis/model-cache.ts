/**
 * Models loaded once per thread: the analysis worker keeps its model between recordings,
 * and the beat tools (attention) keep theirs in the calling thread. Keyed by folder and by
 * the active tfjs backend (a model's weights live on the backend that loaded it); a folder
 * whose weights file changed on disk is loaded again.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendPreference, type BackendSelection } from '../ml/backend/select';
import { MODEL_FILES } from '../ml/model-card';
import { loadModel, type LoadedModel } from '../ml/model-store';

interface Entry {
  stamp: string;
  model: Promise<LoadedModel>;
}

const models = new Map<string, Entry>();
const backends = new Map<string, Promise<BackendSelection>>();

/**
 * Makes the backend for `preference` active, once per preference and thread (selection
 * loads native libraries or wasm binaries); a failed selection is retried next time.
 * @throws BackendError ('ml/backend')
 */
export function ensureBackend(preference?: BackendPreference): Promise<BackendSelection> {
  const key = preference ?? '';
  let selection = backends.get(key);
  if (selection === undefined) {
    selection = selectBackend(preference);
    backends.set(key, selection);
    selection.catch(() => backends.delete(key));
  }
  return selection.then(async (chosen) => {
    if (tf.getBackend() !== chosen.name) await tf.setBackend(chosen.name);
    return chosen;
  });
}

async function stampOf(dir: string): Promise<string> {
  try {
    const s = await stat(join(dir, MODEL_FILES.weights));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'absent'; // loadModel names the missing file
  }
}

/**
 * The model in folder `dir` on the active backend, loaded at most once while its weights
 * file is unchanged.
 * @throws ModelLoadError ('ml/model-load') naming the file and the problem.
 */
export async function cachedModel(dir: string): Promise<LoadedModel> {
  const key = `${tf.getBackend()}|${dir}`;
  const stamp = await stampOf(dir);
  const entry = models.get(key);
  if (entry !== undefined && entry.stamp === stamp) return entry.model;
  if (entry !== undefined) void entry.model.then((m) => m.model.dispose(), () => undefined);
  const model = loadModel(dir);
  models.set(key, { stamp, model });
  model.catch(() => {
    if (models.get(key)?.model === model) models.delete(key);
  });
  return model;
}
