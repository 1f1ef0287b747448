/**
 * The research workbench (issue 8): scan a folder of annotated WFDB records, choose a split
 * (./research-split), set up training (./research-form), follow the job live
 * (./research-job), look at its result and its comparison with the previously active
 * model, and manage the models (./research-models). The state lives here, not in the
 * components, so that switching to the review and back keeps it, and a job keeps being
 * followed while the review is shown. Every call is async: nothing here blocks the UI.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import type { FolderScan, JobState, SplitPlan, TrainingPreset } from '../../../shared/research';
import type { ErrorInfo } from '../../../shared/result';
import { throttle } from '../../../shared/throttle';
import { planProblem, presetForm, requestProblem, toTrainRequest, validateForm, type TrainForm } from './research-form';
import { choiceProblem, defaultSplitKind, splitRequestOf, type KFoldChoice, type RecordRole, type SplitKind } from './research-split';
import { createJobTracker, jobEnded } from './research-job';
import { createModelManager } from './research-models';

/** The workbench's sections (tabs). */
export type ResearchSection = 'data' | 'setup' | 'training' | 'models';
/** Least time between two `research:split` calls while the split is being edited, ms. */
export const PLAN_INTERVAL_MS = 300;

export const useResearchStore = defineStore('research', () => {
  const api = getApi();
  const section = ref<ResearchSection>('data');

  // Data: the folder, its scan, the split chosen and its plan.
  const folder = ref('');
  const scan = shallowRef<FolderScan | null>(null);
  const scanning = ref(false);
  const scanError = ref<ErrorInfo | null>(null);
  const splitKind = ref<SplitKind>('custom');
  const roles = ref<Record<string, RecordRole>>({});
  const kfold = ref<KFoldChoice>({ k: 5, fold: 0, seed: 42 });
  const plan = shallowRef<SplitPlan | null>(null);
  const planError = ref<ErrorInfo | null>(null);
  const planning = ref(false);
  const choice = computed(() => ({ kind: splitKind.value, roles: roles.value, kfold: kfold.value }));
  const splitProblem = computed(() => (scan.value ? choiceProblem(scan.value, choice.value) : null));

  // Set-up.
  const form = ref<TrainForm>(presetForm('default-model'));
  const formErrors = computed(() => validateForm(form.value));
  const startProblem = computed(() => planProblem(plan.value) ?? (Object.keys(formErrors.value).length > 0 ? 'fix the fields marked in the set-up' : null));

  // Jobs and models.
  const manager = createModelManager(api);
  const jobs = shallowRef<JobState[]>([]);
  const jobsError = ref<ErrorInfo | null>(null);
  const tracker = createJobTracker(api, () => {
    void loadJobs();
    void manager.load();
  });
  const job = tracker.job;
  // The history shows the followed job as it is now, not as it was when the list was read.
  watch(job, (state) => {
    if (state && jobs.value.some((j) => j.id === state.id)) jobs.value = jobs.value.map((j) => (j.id === state.id ? state : j));
  });
  const starting = ref(false);
  const jobRunning = computed(() => job.value !== null && !jobEnded(job.value));

  /** Scans the folder typed in the path field. */
  async function scanFolder(): Promise<void> {
    const path = folder.value.trim();
    if (!path || scanning.value) return;
    scanning.value = true;
    scanError.value = null;
    const result = await api.calls['research:scanFolder']({ path });
    scanning.value = false;
    if (!result.ok) {
      scanError.value = result.error;
      return;
    }
    scan.value = result.value;
    roles.value = Object.fromEntries(result.value.records.map((r) => [r.name, 'unused' as RecordRole]));
    splitKind.value = defaultSplitKind(result.value);
    plan.value = null;
    planner.now();
  }

  let planSeq = 0;
  /** Asks for the plan of the current choice; an older answer than the latest request is dropped. */
  async function makePlan(): Promise<void> {
    const mine = ++planSeq;
    const s = scan.value;
    planError.value = null;
    if (!s || splitProblem.value) {
      plan.value = null;
      return;
    }
    planning.value = true;
    const result = await api.calls['research:split'](splitRequestOf(s, choice.value));
    if (mine !== planSeq) return;
    planning.value = false;
    if (result.ok) plan.value = result.value;
    else {
      plan.value = null;
      planError.value = result.error;
    }
  }
  const planner = throttle(() => void makePlan(), PLAN_INTERVAL_MS);
  watch([splitKind, roles, kfold], () => planner.request(), { deep: true });

  /** Sets a record's role in the custom split. */
  function setRole(record: string, role: RecordRole): void {
    roles.value = { ...roles.value, [record]: role };
  }

  /** Puts the set-up to a preset's values (keeping name, backend and beat cap). */
  function applyPreset(preset: TrainingPreset): void {
    form.value = presetForm(preset, form.value);
  }

  /** Starts training with the set-up on the plan; shows the job. */
  async function startTraining(): Promise<void> {
    if (starting.value || startProblem.value || !plan.value || !scan.value) return;
    const request = toTrainRequest(form.value, scan.value.folder, plan.value);
    const problem = requestProblem(request);
    if (problem) {
      tracker.error.value = { code: 'ipc/invalid-argument', message: problem };
      return;
    }
    starting.value = true;
    tracker.error.value = null;
    const result = await api.calls['research:train'](request);
    starting.value = false;
    if (!result.ok) {
      tracker.error.value = result.error;
      return;
    }
    tracker.follow(result.value);
    section.value = 'training';
    void loadJobs();
  }

  /** Cancels the followed job (answers once the worker has stopped). */
  async function cancelJob(): Promise<void> {
    const id = job.value?.id;
    if (!id) return;
    const result = await api.calls['research:cancel']({ id });
    if (result.ok) tracker.accept(result.value);
    else tracker.error.value = result.error;
    void loadJobs();
  }

  /** Resumes a stopped job from its checkpoint. */
  async function resumeJob(id = job.value?.id): Promise<void> {
    if (!id) return;
    const result = await api.calls['research:resume']({ id });
    if (result.ok) tracker.follow(result.value);
    else tracker.error.value = result.error;
    void loadJobs();
  }

  /** Loads the job history (newest first). */
  async function loadJobs(): Promise<void> {
    const result = await api.calls['research:jobs']();
    if (result.ok) {
      jobs.value = result.value;
      jobsError.value = null;
    } else jobsError.value = result.error;
  }

  /** Shows a job of the history (and follows it while it runs). */
  function showJob(state: JobState): void {
    tracker.follow(state);
    if (!jobEnded(state)) void tracker.refresh();
  }

  /** Makes the followed job's model the active one. */
  async function activateJobModel(): Promise<void> {
    const id = job.value?.modelId;
    if (id) await manager.activate(id);
  }

  return {
    section, folder, scan, scanning, scanError, splitKind, roles, kfold, plan, planError, planning, splitProblem,
    form, formErrors, startProblem, job, jobError: tracker.error, jobRunning, starting, jobs, jobsError,
    models: manager.models, modelsError: manager.error, modelsBusy: manager.busy, exportedTo: manager.exportedTo,
    compareIds: manager.compareIds, activeModel: manager.active, comparedModels: manager.compared,
    scanFolder, makePlan, setRole, applyPreset, startTraining, cancelJob, resumeJob, loadJobs, showJob, activateJobModel,
    loadModels: manager.load, activateModel: manager.activate, deleteModel: manager.remove, exportModel: manager.exportModel, importModel: manager.importModel,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useResearchStore, import.meta.hot));
