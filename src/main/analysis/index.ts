/**
 * The analysis folder's public surface (the review services import from here only):
 * background analysis in a worker, on-demand beat tools, where the default model and the
 * bundled worker are.
 */
export type {
  AnalysedChunk, AnalysisCallbacks, AnalysisHandle, AnalysisModelInfo, AnalysisRequest, BeatRef, BeatTools, UncertaintyCallbacks, UncertaintyRequest,
} from './types';
export { UNCERTAINTY_PASSES, type UncertaintyValues } from './uncertainty-pass';
export { DEFAULT_MODEL_NAME, bundledAnalysisWorkerPath, defaultModelDir } from './locations';
export { CANCEL_GRACE_MS, prepareAnalysis, startAnalysis, startUncertaintyPass } from './start-analysis';
export { disposeAnalysisWorkers, sourceAnalysisWorkerPath } from './worker-pool';
export { createBeatTools, MAX_ATTENTION_BEATS, type BeatToolsOptions } from './beat-tools';
export { AnalysisError } from './analysis-error';
