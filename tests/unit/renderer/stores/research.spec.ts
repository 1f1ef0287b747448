import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RendererApi } from '../../../../src/shared/api';
import type { FolderScan, JobState, SplitPlan } from '../../../../src/shared/research';
import type { TaskProgress } from '../../../../src/shared/domain';
import { ok } from '../../../../src/shared/result';

const counts = { N: 10, S: 1, V: 2, F: 0, Q: 0 };
const SCAN: FolderScan = {
  folder: '/data/mitdb', annotator: 'atr', mitbih: true, withoutAnnotations: [],
  records: ['101', '106', '112', '119'].map((name) => ({ name, counts, total: 13, patient: name })),
};

/** A plan echoing the request's records (custom) or fixed DS1/DS2-like sets. */
function planOf(arg: Record<string, unknown>): SplitPlan {
  const list = (k: string): string[] => (arg[k] as string[] | undefined) ?? [];
  const custom = arg.kind === 'custom';
  return {
    kind: arg.kind as SplitPlan['kind'], train: custom ? list('train') : ['101'], validation: custom ? list('validation') : ['106'], test: custom ? list('test') : ['119'],
    counts: { train: counts, validation: counts, test: counts }, warnings: [], description: String(arg.kind),
  };
}

function jobState(over: Partial<JobState> = {}): JobState {
  return {
    id: 'job-1', name: 'run', status: 'running', startedAt: '2026-01-01T00:00:00Z', endedAt: null, epochs: 3, classes: ['N', 'S', 'V', 'F', 'Q'],
    backend: 'tensorflow', backendReason: 'no GPU', trainBeats: 100, validationBeats: 50, history: [], batch: null, beatsPerSec: null, etaSec: null,
    fraction: 0, modelId: null, error: null, split: { train: ['101'], validation: ['112'], test: ['119'] }, evaluation: null, phase: 'training', resumable: false, ...over,
  };
}

const calls: { channel: string; arg: unknown }[] = [];
let listener: ((p: TaskProgress) => void) | null = null;
let jobAnswer = jobState();
const splitHeld: ((v: unknown) => void)[] = [];
let holdSplit = false;
function answer(channel: string, value: (arg: Record<string, unknown>) => unknown) {
  return (arg: Record<string, unknown>) => {
    calls.push({ channel, arg });
    if (channel === 'research:split' && holdSplit) return new Promise((resolve) => splitHeld.push(() => resolve(ok(value(arg)))));
    return Promise.resolve(ok(value(arg)));
  };
}
const api = {
  transport: 'loopback',
  on: (_event: string, l: (p: TaskProgress) => void) => {
    listener = l;
    return () => undefined;
  },
  calls: {
    'research:scanFolder': answer('research:scanFolder', () => SCAN),
    'research:split': answer('research:split', planOf),
    'research:train': answer('research:train', () => jobState()),
    'research:job': answer('research:job', () => jobAnswer),
    'research:cancel': answer('research:cancel', () => jobState({ status: 'cancelled', phase: 'ended', resumable: true })),
    'research:resume': answer('research:resume', () => jobState()),
    'research:jobs': answer('research:jobs', () => [jobAnswer]),
    'models:list': answer('models:list', () => []),
  },
} as unknown as RendererApi;

vi.mock('../../../../src/renderer/src/api', () => ({ getApi: () => api }));
const { useResearchStore, PLAN_INTERVAL_MS } = await import('../../../../src/renderer/src/stores/research');
const { JOB_POLL_INTERVAL_MS, JOB_FALLBACK_POLL_MS } = await import('../../../../src/renderer/src/stores/research-job');

const count = (channel: string): number => calls.filter((c) => c.channel === channel).length;
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A store with the folder scanned and a custom split 101, 106 / 112 / 119 planned. */
async function planned() {
  const store = useResearchStore();
  store.folder = ' /data/mitdb ';
  await store.scanFolder();
  store.splitKind = 'custom';
  for (const [r, role] of [['101', 'train'], ['106', 'train'], ['112', 'validation'], ['119', 'test']] as const) store.setRole(r, role);
  await settle(PLAN_INTERVAL_MS + 10);
  return store;
}

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
  calls.length = 0;
  jobAnswer = jobState();
  holdSplit = false;
  splitHeld.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('scanFolder', () => {
  it('scans the trimmed path, marks every record unused and plans the DS1/DS2 preset of an MIT-BIH folder', async () => {
    const store = useResearchStore();
    store.folder = ' /data/mitdb ';
    await store.scanFolder();
    await settle();
    expect(calls[0]).toEqual({ channel: 'research:scanFolder', arg: { path: '/data/mitdb' } });
    expect(Object.values(store.roles)).toEqual(['unused', 'unused', 'unused', 'unused']);
    expect(store.splitKind).toBe('ds1ds2');
    expect(calls.find((c) => c.channel === 'research:split')?.arg).toMatchObject({ kind: 'ds1ds2' });
    expect(store.plan?.kind).toBe('ds1ds2');
  });
});

describe('makePlan', () => {
  it('re-plans a custom split once for a burst of role changes, with the roles given', async () => {
    const store = await planned();
    expect(store.plan).toMatchObject({ kind: 'custom', train: ['101', '106'], validation: ['112'], test: ['119'] });
    expect(count('research:split')).toBeLessThanOrEqual(3);
  });

  it('drops an older plan that answers after a newer one', async () => {
    const store = await planned();
    holdSplit = true;
    store.setRole('119', 'unused');
    await settle(PLAN_INTERVAL_MS + 10);
    store.setRole('112', 'test');
    await settle(PLAN_INTERVAL_MS + 10);
    expect(splitHeld).toHaveLength(2);
    splitHeld[1]?.(undefined);
    await settle();
    splitHeld[0]?.(undefined);
    await settle();
    expect(store.plan).toMatchObject({ validation: [], test: ['112'] });
  });

  it('asks nothing and shows the problem while a custom split has no training record', async () => {
    const store = await planned();
    const before = count('research:split');
    store.setRole('101', 'unused');
    store.setRole('106', 'unused');
    await settle(PLAN_INTERVAL_MS + 10);
    expect(count('research:split')).toBe(before);
    expect(store.plan).toBeNull();
    expect(store.splitProblem).toMatch(/train/);
  });
});

describe('startTraining', () => {
  it('sends the set-up on the plan, shows the Training tab and follows the job', async () => {
    const store = await planned();
    store.form.maxBeatsPerRecord = 200;
    await store.startTraining();
    const sent = calls.find((c) => c.channel === 'research:train')?.arg;
    expect(sent).toMatchObject({ folder: '/data/mitdb', maxBeatsPerRecord: 200, split: { train: ['101', '106'], validation: ['112'], test: ['119'] } });
    expect(store.section).toBe('training');
    expect(store.job?.id).toBe('job-1');
  });

  it('does not send while a field is invalid', async () => {
    const store = await planned();
    store.form.epochs = 0;
    await store.startTraining();
    expect(count('research:train')).toBe(0);
    expect(store.startProblem).toMatch(/fix the fields/);
  });
});

describe('job progress', () => {
  it('fetches the job at most once per interval for a burst of its progress events and ignores other tasks', async () => {
    const store = await planned();
    await store.startTraining();
    const before = count('research:job');
    for (let i = 0; i < 10; i++) listener?.({ taskId: 'job-1', label: 'Training', fraction: i / 10, message: '' });
    listener?.({ taskId: 'analysis:x', label: 'Analysis', fraction: 0, message: '' });
    await settle(JOB_POLL_INTERVAL_MS + 10);
    expect(count('research:job') - before).toBe(2);
  });

  it('stops polling and reloads the history and the models when the job ends', async () => {
    const store = await planned();
    await store.startTraining();
    jobAnswer = jobState({ status: 'completed', phase: 'ended', modelId: 'run', fraction: 1 });
    await settle(JOB_FALLBACK_POLL_MS + 10);
    expect(store.job?.status).toBe('completed');
    const jobsCalls = count('research:jobs');
    const modelCalls = count('models:list');
    expect(jobsCalls).toBeGreaterThan(0);
    expect(modelCalls).toBeGreaterThan(0);
    const polls = count('research:job');
    await settle(3 * JOB_FALLBACK_POLL_MS);
    expect(count('research:job')).toBe(polls);
  });

  it('keeps polling while the finished training is being evaluated', async () => {
    const store = await planned();
    await store.startTraining();
    jobAnswer = jobState({ status: 'running', phase: 'evaluating', fraction: 1 });
    await settle(JOB_FALLBACK_POLL_MS + 10);
    const polls = count('research:job');
    await settle(JOB_FALLBACK_POLL_MS + 10);
    expect(count('research:job')).toBeGreaterThan(polls);
    expect(store.jobRunning).toBe(true);
  });
});

describe('cancelJob', () => {
  it('shows the cancelled state the services answer, with Resume available', async () => {
    const store = await planned();
    await store.startTraining();
    await store.cancelJob();
    expect(store.job).toMatchObject({ status: 'cancelled', resumable: true });
    expect(store.jobRunning).toBe(false);
  });
});
