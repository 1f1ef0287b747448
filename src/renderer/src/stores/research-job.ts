/**
 * Follows the research workbench's training job: 'task:progress' events whose taskId is the
 * job's id ask for a fresh `research:job` at most once per {@link JOB_POLL_INTERVAL_MS}
 * (the worker reports a batch every 250 ms), and a timer asks as well every
 * {@link JOB_FALLBACK_POLL_MS} in case an event was lost. It stops once the job has ended
 * (not running, not evaluating). Answers for a job no longer followed are dropped. Not a
 * store: the research store (./research) owns one.
 */
import { shallowRef, ref } from 'vue';
import type { RendererApi } from '../api';
import type { JobState } from '../../../shared/research';
import type { ErrorInfo } from '../../../shared/result';
import { throttle } from '../../../shared/throttle';

/** Least time between two `research:job` calls caused by progress events, ms. */
export const JOB_POLL_INTERVAL_MS = 500;
/** The timer's interval while a job runs, ms. */
export const JOB_FALLBACK_POLL_MS = 2000;

/** Whether a job will change no more: training and its evaluation are over. */
export function jobEnded(job: JobState): boolean {
  return job.status !== 'running' && job.phase !== 'evaluating';
}

/** The tracker: the followed job, its last error, and the calls that change it. */
export function createJobTracker(api: RendererApi, onEnded: (job: JobState) => void) {
  const job = shallowRef<JobState | null>(null);
  const error = ref<ErrorInfo | null>(null);
  let timer: ReturnType<typeof setInterval> | null = null;

  function stopTimer(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  /** Takes a state of the followed job (or a new job to follow). */
  function accept(state: JobState): void {
    const wasRunning = job.value !== null && job.value.id === state.id && !jobEnded(job.value);
    job.value = state;
    if (jobEnded(state)) {
      stopTimer();
      poll.cancel();
      if (wasRunning) onEnded(state);
    } else if (!timer) timer = setInterval(() => poll.request(), JOB_FALLBACK_POLL_MS);
  }

  const poll = throttle(() => void refresh(), JOB_POLL_INTERVAL_MS);

  /** Asks for the followed job's state now. */
  async function refresh(): Promise<void> {
    const id = job.value?.id;
    if (!id) return;
    const result = await api.calls['research:job']({ id });
    if (job.value?.id !== id) return;
    if (result.ok) accept(result.value);
    else error.value = result.error;
  }

  api.on('task:progress', (p) => {
    if (job.value && p.taskId === job.value.id && !jobEnded(job.value)) poll.request();
  });

  /** Follows `state` (a started, resumed or picked job). */
  function follow(state: JobState): void {
    stopTimer();
    poll.cancel();
    error.value = null;
    job.value = null;
    accept(state);
  }

  /** Stops following (the job keeps running in the services). */
  function clear(): void {
    stopTimer();
    poll.cancel();
    job.value = null;
  }

  return { job, error, follow, refresh, accept, clear };
}
