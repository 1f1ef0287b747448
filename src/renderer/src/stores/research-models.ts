/**
 * The model manager part of the research store: the models of `models:list`, the two
 * chosen for comparison, and the calls that change them (activate, delete, import, export).
 * Each call's error is kept for the manager to show; a call's answer replaces the list.
 * Not a store: ./research owns one.
 */
import { computed, ref, shallowRef } from 'vue';
import type { RendererApi } from '../api';
import type { ModelFigures, ModelSummary } from '../../../shared/research';
import type { ErrorInfo } from '../../../shared/result';

/** One class's figures of two models side by side (null where a model has no value). */
export interface ComparedClass {
  name: string;
  a: { se: number | null; ppv: number | null; f1: number | null } | null;
  b: { se: number | null; ppv: number | null; f1: number | null } | null;
}

/** A model's figures to compare: its test figures, else its validation figures. */
export function comparedFigures(model: ModelSummary): ModelFigures | null {
  return model.test ?? model.validation;
}

/** The classes of both models in first-seen order, each with both models' figures. */
export function compareClasses(a: ModelFigures | null, b: ModelFigures | null): ComparedClass[] {
  const names = [...new Set([...(a?.perClass ?? []), ...(b?.perClass ?? [])].map((c) => c.name))];
  const pick = (f: ModelFigures | null, name: string) => {
    const c = f?.perClass.find((x) => x.name === name);
    return c ? { se: c.se, ppv: c.ppv, f1: c.f1 } : null;
  };
  return names.map((name) => ({ name, a: pick(a, name), b: pick(b, name) }));
}

/** The manager's state and calls. */
export function createModelManager(api: RendererApi) {
  const models = shallowRef<ModelSummary[]>([]);
  const error = ref<ErrorInfo | null>(null);
  const busy = ref(false);
  /** The last export's folder, to tell the user where it went. */
  const exportedTo = ref<string | null>(null);
  const compareIds = ref<[string | null, string | null]>([null, null]);
  const active = computed(() => models.value.find((m) => m.active) ?? null);
  const compared = computed(() => compareIds.value.map((id) => models.value.find((m) => m.id === id) ?? null) as [ModelSummary | null, ModelSummary | null]);

  /** Runs a manager call; a list answer replaces the list; errors are kept. Returns whether it succeeded. */
  async function run<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }>, onValue: (value: T) => void): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const result = await call();
      if (!result.ok) {
        error.value = result.error;
        return false;
      }
      onValue(result.value);
      return true;
    } finally {
      busy.value = false;
    }
  }
  const setList = (list: ModelSummary[]): void => {
    models.value = list;
    compareIds.value = compareIds.value.map((id) => (list.some((m) => m.id === id) ? id : null)) as [string | null, string | null];
  };

  return {
    models, error, busy, exportedTo, compareIds, active, compared,
    /** Loads the list. */
    load: () => run(() => api.calls['models:list'](), setList),
    /** Makes `id` the active model. */
    activate: (id: string) => run(() => api.calls['models:activate']({ id }), setList),
    /** Deletes `id` (the services refuse the bundled model). */
    remove: (id: string) => run(() => api.calls['models:delete']({ id }), setList),
    /** Copies `id` to the data folder's exports (or `to`). */
    exportModel: (id: string, to?: string) => run(() => api.calls['models:export'](to ? { id, to } : { id }), (v) => (exportedTo.value = v.path)),
    /** Imports the model folder at `path`, then reloads the list. */
    importModel: async (path: string) => (await run(() => api.calls['models:import']({ path }), () => undefined)) && run(() => api.calls['models:list'](), setList),
  };
}
