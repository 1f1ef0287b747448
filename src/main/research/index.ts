/** Public surface of the research workbench's main side (issue 8). */
export { createFolderScanner, DEFAULT_ANNOTATOR, type FolderScanner } from './scan-folder';
export { planSplit, samePatientWarnings } from './plan-split';
export { SAME_PATIENT_GROUPS, patientOf } from './same-patient';
export { createModelManager, modelSlug, type ModelManager, type ModelManagerOptions } from './model-manager';
export { buildTrainingJob, PRESETS, type TrainArgs } from './build-job';
export { createJobRunner, PROGRESS_INTERVAL_MS, type JobRunner, type JobRunnerOptions } from './job-runner';
export { createJobStore, JOB_FILES, MAX_JOBS_KEPT, type JobStore, type JobRecord } from './job-store';
export { evaluateJob, type EvaluateFn } from './job-evaluation';
export { createModelEvaluator, evaluationTaskId, type ModelEvaluator, type ModelEvaluatorOptions, type EvaluateArgs } from './model-evaluator';
export { bundledTrainingWorkerPath } from './locations';
export { ResearchError, ResearchNotFoundError } from './research-error';
