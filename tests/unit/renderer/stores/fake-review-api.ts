/**
 * A RendererApi double for the review store: the recording double of fake-api.ts plus a
 * small review service over synthetic beats (one every 0.8 s, every fifth V), which applies
 * relabels, adds and deletes, counts revisions, and can push 'review:changed' events. One
 * noise stretch, 100–130 s, answers `review:noise`; one stretch of irregular rhythm,
 * 200–260 s, answers `review:rhythm`.
 */
import type { RendererApi } from '../../../../src/shared/api';
import type { EditOutcome, IrregularSpan, NoiseSpan, ReviewBeat, ReviewEdit, ReviewStatus } from '../../../../src/shared/review';
import { ok, type Result } from '../../../../src/shared/result';
import { FS, fakeApi } from './fake-api';

export function fakeReviewApi() {
  const base = fakeApi();
  const calls = base.calls;
  let revision = 1;
  let nextId = 0;
  let beats: ReviewBeat[] = [];
  for (let t = 0.4; t < 1800; t += 0.8) {
    const id = nextId++;
    const label = id % 5 === 4 ? 'V' : 'N';
    beats.push({ id, sample: Math.round(t * FS), timeSec: t, label, predicted: label, confidence: 0.9, uncertainty: 0.1, reviewed: false, added: false, flagged: label !== 'N', templateId: label === 'V' ? 1 : 0 });
  }
  const listeners: ((s: ReviewStatus) => void)[] = [];
  const status = (): ReviewStatus => ({
    recordingId: 'rec-1', state: 'done', analysedSec: 1800, fraction: 1, message: '', beatCount: beats.length, flaggedCount: beats.filter((b) => b.flagged).length,
    revision, canUndo: revision > 1, canRedo: false, undoLabel: null, redoLabel: null, model: null, restored: false, savedAt: null, error: null,
    uncertainty: { state: 'done', fraction: 1, passes: 20 }, adaptation: null,
  });
  const answer = <T>(channel: string, arg: unknown, value: () => T): Promise<Result<T>> => {
    calls.push({ channel, arg });
    return Promise.resolve(ok(value()));
  };
  function apply(edit: ReviewEdit): number[] {
    revision++;
    if (edit.kind === 'relabel') {
      beats = beats.map((b) => (edit.beatIds.includes(b.id) ? { ...b, label: edit.label, reviewed: true, flagged: edit.label !== 'N' } : b));
      return edit.beatIds;
    }
    if (edit.kind === 'delete') {
      beats = beats.filter((b) => !edit.beatIds.includes(b.id));
      return edit.beatIds;
    }
    if (edit.kind === 'add') {
      const id = nextId++;
      beats = [...beats, { id, sample: edit.sample, timeSec: edit.sample / FS, label: edit.label, predicted: null, confidence: null, uncertainty: null, reviewed: true, added: true, flagged: false, templateId: null }].sort((a, b) => a.sample - b.sample);
      return [id];
    }
    return [];
  }
  /** The review's noise stretches (the beats inside are kept: the double does not gate). */
  const noise: NoiseSpan[] = [{ startSec: 100, endSec: 130 }];
  const irregular: IrregularSpan[] = [{ startSec: 200, endSec: 260 }];
  const clipped = (spans: readonly { startSec: number; endSec: number }[], arg: { startSec: number; endSec: number }) =>
    spans.map((s) => ({ startSec: Math.max(arg.startSec, s.startSec), endSec: Math.min(arg.endSec, s.endSec) })).filter((s) => s.endSec > s.startSec);
  const calls2 = base.api.calls as unknown as Record<string, (arg: never) => Promise<Result<unknown>>>;
  Object.assign(calls2, {
    'review:start': (arg: unknown) => answer('review:start', arg, status),
    'review:status': (arg: unknown) => answer('review:status', arg, status),
    'review:beats': (arg: { startSec: number; endSec: number }) =>
      answer('review:beats', arg, () => beats.filter((b) => b.timeSec >= arg.startSec && b.timeSec < arg.endSec)),
    'review:noise': (arg: { startSec: number; endSec: number }) => answer('review:noise', arg, () => clipped(noise, arg)),
    'review:rhythm': (arg: { startSec: number; endSec: number }) => answer('review:rhythm', arg, () => clipped(irregular, arg)),
    'review:step': (arg: { fromSec: number; direction: 1 | -1; labels?: string[] }) =>
      answer('review:step', arg, () => {
        const ok = (b: ReviewBeat) => b.flagged && (!arg.labels || arg.labels.includes(b.label));
        const list = beats.filter(ok);
        return (arg.direction === 1 ? list.find((b) => b.timeSec > arg.fromSec) : list.reverse().find((b) => b.timeSec < arg.fromSec)) ?? null;
      }),
    'review:edit': (arg: { edit: ReviewEdit }) => answer<EditOutcome>('review:edit', arg, () => ({ beatIds: apply(arg.edit), status: status() })),
    'review:undo': (arg: unknown) => answer<EditOutcome>('review:undo', arg, () => ({ beatIds: [], status: status() })),
    'review:redo': (arg: unknown) => answer<EditOutcome>('review:redo', arg, () => ({ beatIds: [], status: status() })),
    // Grad-CAM's weights the other way round, so that the two maps can be told apart.
    'review:attention': (arg: { beatIds: number[]; method?: string }) =>
      answer('review:attention', arg, () => arg.beatIds.map((beatId) => ({ beatId, startSec: 0, stepSec: 0.01, weights: arg.method === 'grad-cam' ? [1, 0] : [0, 1] }))),
    'settings:reviewer': (arg: { name?: string }) => answer('settings:reviewer', arg, () => ({ name: arg.name ?? 'Dr A' })),
  });
  const api = { ...base.api, on: (_event: string, listener: (s: ReviewStatus) => void) => (listeners.push(listener), () => undefined) } as unknown as RendererApi;
  return {
    api,
    calls,
    beats: () => beats,
    /** Sends a status as the services' 'review:changed' event would. */
    emit(next: Partial<ReviewStatus>) {
      for (const l of listeners) l({ ...status(), ...next });
    },
    bump() {
      revision++;
    },
  };
}
