/**
 * Where the workbench finds its worker script in the bundled app: a third main entry of
 * electron.vite.config.ts (`training-worker`), as src/main/analysis/locations.ts does for
 * the analysis worker.
 */
import { join } from 'node:path';

/**
 * The bundled training worker (training and evaluation, src/main/ml/training/worker.ts)
 * beside the bundled main script: electron-vite writes the entry `training-worker` of
 * electron.vite.config.ts to `out/main/training-worker.js`.
 * @param mainDir the folder of the running main bundle (`import.meta.dirname` of out/main/index.js).
 */
export function bundledTrainingWorkerPath(mainDir: string): string {
  return join(mainDir, 'training-worker.js');
}
