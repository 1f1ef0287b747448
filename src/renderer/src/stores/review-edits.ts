/**
 * The review store's edits (relabel, relabel a template group, add, delete) and undo /
 * redo: each goes to the services, and its answer's status is taken and the beats reloaded
 * at once, so the strip shows the change in the same frame as the toolbar. One at a time
 * (`busy`); a failure becomes the store's error and notice.
 */
import type { ComputedRef, Ref, ShallowRef } from 'vue';
import type { RendererApi } from '../api';
import type { BeatLabel, EditOutcome, ReviewBeat, ReviewEdit, ReviewStatus } from '../../../shared/review';
import type { ErrorInfo, Result } from '../../../shared/result';
import type { useRecordingStore } from './recording';

/** What the edits need from the store. */
export interface ReviewEditContext {
  api: RendererApi;
  recording: ReturnType<typeof useRecordingStore>;
  recordingId: ComputedRef<string | null>;
  status: ShallowRef<ReviewStatus | null>;
  beats: ShallowRef<ReviewBeat[]>;
  selectedBeatId: Ref<number | null>;
  cursorSec: Ref<number | null>;
  notice: Ref<string | null>;
  error: Ref<ErrorInfo | null>;
  busy: Ref<boolean>;
  select(beat: ReviewBeat | null): void;
  fail(info: ErrorInfo): void;
  adoptStatus(status: ReviewStatus): void;
  loadBeats(): Promise<void>;
}

/** The edit actions, bound to the store's state. */
export function createReviewEdits(ctx: ReviewEditContext) {
  /** Runs an edit, undo or redo; takes its status, reloads the beats at once. */
  async function apply(run: (id: string) => Promise<Result<EditOutcome>>): Promise<EditOutcome | null> {
    const id = ctx.recordingId.value;
    if (!id || ctx.busy.value) return null;
    ctx.busy.value = true;
    ctx.notice.value = null;
    try {
      const result = await run(id);
      if (ctx.recordingId.value !== id) return null;
      if (!result.ok) {
        ctx.fail(result.error);
        return null;
      }
      ctx.error.value = null;
      ctx.adoptStatus(result.value.status);
      await ctx.loadBeats();
      return result.value;
    } finally {
      ctx.busy.value = false;
    }
  }

  function edit(change: ReviewEdit): Promise<EditOutcome | null> {
    return apply((id) => ctx.api.calls['review:edit']({ recordingId: id, edit: change }));
  }

  async function relabel(beatIds: number[], label: BeatLabel): Promise<void> {
    if (beatIds.length > 0) await edit({ kind: 'relabel', beatIds, label });
  }

  function needSelection(): number | null {
    if (ctx.selectedBeatId.value === null) ctx.notice.value = 'Select a beat first: click it, or use ← / →.';
    return ctx.selectedBeatId.value;
  }

  async function relabelSelected(label: BeatLabel): Promise<void> {
    const id = needSelection();
    if (id !== null) await relabel([id], label);
  }

  async function relabelTemplate(templateId: number, label: BeatLabel): Promise<void> {
    await edit({ kind: 'relabel-template', templateId, label });
  }

  /** Adds a beat near `sample` (the services move it onto the R peak) and selects it. */
  async function addBeatAt(sample: number, label: BeatLabel = 'N'): Promise<void> {
    const outcome = await edit({ kind: 'add', sample: Math.max(0, Math.round(sample)), label });
    const added = outcome?.beatIds[0];
    if (added !== undefined) ctx.select(ctx.beats.value.find((b) => b.id === added) ?? null);
  }

  /** Adds a beat at the strip's cursor (the mouse, else the middle of the page). */
  async function addBeatAtCursor(label: BeatLabel = 'N'): Promise<void> {
    const info = ctx.recording.info;
    if (!info) return;
    const sec = ctx.cursorSec.value ?? ctx.recording.startSec + ctx.recording.pageDurationSec / 2;
    await addBeatAt(sec * info.frameRateHz, label);
  }

  /** Deletes the selected beat and selects the one after it. */
  async function deleteSelected(): Promise<void> {
    const id = needSelection();
    if (id === null) return;
    const index = ctx.beats.value.findIndex((b) => b.id === id);
    const next = ctx.beats.value[index + 1] ?? ctx.beats.value[index - 1] ?? null;
    const outcome = await edit({ kind: 'delete', beatIds: [id] });
    if (outcome) ctx.select(next && ctx.beats.value.some((b) => b.id === next.id) ? next : null);
  }

  function selectTouched(outcome: EditOutcome | null): void {
    const touched = ctx.beats.value.find((b) => outcome?.beatIds.includes(b.id));
    if (touched) ctx.select(touched);
  }

  async function undo(): Promise<void> {
    if (ctx.status.value && !ctx.status.value.canUndo) return;
    selectTouched(await apply((id) => ctx.api.calls['review:undo']({ recordingId: id })));
  }

  async function redo(): Promise<void> {
    if (ctx.status.value && !ctx.status.value.canRedo) return;
    selectTouched(await apply((id) => ctx.api.calls['review:redo']({ recordingId: id })));
  }

  return { edit, relabel, relabelSelected, relabelTemplate, addBeatAt, addBeatAtCursor, deleteSelected, undo, redo };
}
