/**
 * Patient adaptation (issue 9): fine-tuning a copy of a review's model on the beats the
 * reviewer labelled, with a replay sample of training beats, in a worker; and the
 * patient-specific evaluation protocol. The review services import from here.
 */
export { DEFAULT_ADAPT, fineTune, type AdaptSettings, type FineTuneResult, type LabelledBeats } from './fine-tune';
export { scopeVariables, type TrainableScope } from './adapt-step';
export { decodeReplay, encodeReplay, readReplaySample, replayBeats, REPLAY_FILE, type ReplaySample } from './replay-sample';
export { evaluatePatient, REVIEWED_SEC, sliceBeats, type PatientResult } from './patient-protocol';
export { runAdaptJob, adaptedCard } from './adapt-job';
export { ADAPT_CANCEL_GRACE_MS, bundledAdaptWorkerPath, sourceAdaptWorkerPath, startAdaptation } from './start-adaptation';
export type { AdaptHandle, AdaptOutcome, AdaptProgress, AdaptRequest } from './types';
