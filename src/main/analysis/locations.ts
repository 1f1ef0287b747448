/**
 * Where the analysis finds its parts: the default model (shipped beside `resources/`) and
 * the bundled worker script (a second main entry of electron.vite.config.ts).
 */
import { join } from 'node:path';

/** Folder name of the model the app uses when none is chosen. */
export const DEFAULT_MODEL_NAME = 'rhythm-attention-default';

/**
 * The default model folder, from the resources folder (../resources-dir): the model sits at
 * `<project>/models/rhythm-attention-default`, a sibling of `resources/`.
 */
export function defaultModelDir(resourcesDir: string): string {
  return join(resourcesDir, '..', 'models', DEFAULT_MODEL_NAME);
}

/**
 * The bundled analysis worker beside the bundled main script: electron-vite writes the entry
 * `analysis-worker` of electron.vite.config.ts to `out/main/analysis-worker.js`.
 * @param mainDir the folder of the running main bundle (`__dirname` / `import.meta.dirname` of out/main/index.js).
 */
export function bundledAnalysisWorkerPath(mainDir: string): string {
  return join(mainDir, 'analysis-worker.js');
}
