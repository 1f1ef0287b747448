/**
 * `ml:backend`: which TensorFlow.js backend the models run on, and why. The selection loads
 * native libraries or wasm binaries, so it happens on the first request (not at start-up)
 * and once per process; later requests get the same answer.
 */
import type { MlBackendInfo } from '../../shared/domain';
import { selectBackend, type BackendPreference } from '../ml/backend/select';

export function createMlBackendHandler(preference?: BackendPreference): () => Promise<MlBackendInfo> {
  let selection: Promise<MlBackendInfo> | null = null;
  return () => {
    selection ??= selectBackend(preference).then(({ name, reason, tried }) => ({ name, reason, tried }));
    // A failed selection (an explicit choice that cannot load) is retried on the next call.
    selection.catch(() => {
      selection = null;
    });
    return selection;
  };
}
