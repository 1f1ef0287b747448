/**
 * Per-recording helpers that run in the calling thread, on demand: the heatmap of the
 * visible beats (the model's attention or its Grad-CAM map: ./heatmaps), R-peak snapping
 * for an added beat, template waveforms.
 */
import type { BackendPreference } from '../ml/backend/select';
import type { WfdbRecord } from '../wfdb';
import { asAppError } from './analysis-error';
import { heatmapsOf } from './heatmaps';
import { snapToPeakFrame } from './snap';
import { templateGroups } from './templates';
import type { BeatTools } from './types';

export { MAX_ATTENTION_BEATS, RUN_GAP_SEC, splitRuns } from './heatmaps';

/** Options of {@link createBeatTools}. */
export interface BeatToolsOptions {
  /** The tfjs backend for the heatmaps in this thread (default: RA_TF_BACKEND, else auto). */
  backend?: BackendPreference;
}

/**
 * The beat tools of one recording. `record` is an open record owned by the caller
 * (services' record cache); it is not closed here. Errors are AppErrors naming the file.
 */
export function createBeatTools(record: WfdbRecord, headerPath: string, modelDir: string, options: BeatToolsOptions = {}): BeatTools {
  const guard = async <T>(work: () => Promise<T>, file = headerPath): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw asAppError(error, file);
    }
  };
  return {
    attention: (beats, neighbours) => guard(() => heatmapsOf(record, modelDir, beats, 'attention', { backend: options.backend, neighbours })),
    gradCam: (beats, neighbours) => guard(() => heatmapsOf(record, modelDir, beats, 'grad-cam', { backend: options.backend, neighbours })),
    snapToPeak: (sample) => guard(() => snapToPeakFrame(record, sample)),
    templates: (beats) => guard(() => templateGroups(record, beats)),
  };
}
