import { describe, expect, it } from 'vitest';
import { AdaptationRunner, adaptedModelsDir, shownBeats as requestBeats, type StartAdaptation } from '../../../../src/main/review/adaptation-runner';
import { applyRecord, decodeRecord, decodeReview, encodeRecord, encodeReview, type RecordFingerprint, type ReviewDocument } from '../../../../src/main/review';
import { encodePredictionEntry } from '../../../../src/main/review/prediction-change';
import { BEAT_LABELS, type BeatLabel } from '../../../../src/shared/review';
import type { AdaptOutcome } from '../../../../src/main/adaptation/types';
import { actorAt, docOf, probabilitiesOf, shownBeats } from './build';

const FINGERPRINT: RecordFingerprint = { headerPath: '/data/100.hea', files: [{ name: '100.hea', size: 10, mtimeMs: 5 }] };
const REVIEW = '/data/reviews/100-abc.json';

/** A fake adaptation that classifies every beat as `relabel(label in force)` and resolves when `release` is called. */
function fakeAdaptation(relabel: (label: number) => BeatLabel, confidence = 0.875) {
  const calls: Parameters<StartAdaptation>[0][] = [];
  let release: (state?: 'done' | 'cancelled') => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const start: StartAdaptation = (request, onProgress) => {
    calls.push(request);
    onProgress({ fraction: 0.5, message: 'tuning' });
    const done = new Promise<AdaptOutcome>((resolve, reject) => {
      fail = reject;
      release = (state = 'done') => {
        const labels = Array.from(request.labels, (l, i) => (l >= 0 ? BEAT_LABELS[l]! : relabel(i)));
        resolve({
          state, ids: request.ids, probabilities: probabilitiesOf(labels, labels.map(() => confidence)), classes: 5,
          reviewedCounts: [1, 0, 1, 0, 0], replayBeats: 256, epochs: 3, seconds: 1,
        });
      };
    });
    return { done, cancel: () => release('cancelled') };
  };
  return { start, calls, release: (s?: 'done' | 'cancelled') => release(s), fail: (e: Error) => fail(e) };
}

function runnerOf(doc: ReviewDocument, start: StartAdaptation | undefined) {
  const ended: boolean[] = [];
  const runner = new AdaptationRunner({ doc, reviewPath: REVIEW, now: () => new Date(Date.UTC(2025, 0, 1)), onProgress: () => undefined, onEnded: (applied) => ended.push(applied) }, start);
  return { runner, ended };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const columns = (doc: ReviewDocument) => ({
  predicted: Array.from(doc.store.columns.predicted.subarray(0, doc.store.length)),
  confidence: Array.from(doc.store.columns.confidence.subarray(0, doc.store.length)),
  reviewer: Array.from(doc.store.columns.reviewerLabel.subarray(0, doc.store.length)),
});

/** NNVNNV with beat 2 relabelled N and beat 1 confirmed N; the fake calls every unreviewed beat S. */
async function adapted() {
  const doc = docOf('NNVNNV', 1, [0.9, 0.8, 0.95, 0.7, 0.6, 0.99]);
  doc.edit({ kind: 'relabel', beatIds: [2], label: 'N' }, actorAt(1));
  doc.edit({ kind: 'relabel', beatIds: [1], label: 'N' }, actorAt(2));
  const before = columns(doc);
  const fake = fakeAdaptation(() => 'S');
  const { runner, ended } = runnerOf(doc, fake.start);
  runner.begin(actorAt(3), 3);
  fake.release();
  await settle();
  return { doc, before, fake, runner, ended };
}

describe('AdaptationRunner.begin', () => {
  it('sends the shown beats with the reviewer labels and an output folder beside the review', () => {
    const doc = docOf('NNV');
    doc.edit({ kind: 'relabel', beatIds: [2], label: 'N' }, actorAt(1));
    const fake = fakeAdaptation(() => 'N');
    const { runner } = runnerOf(doc, fake.start);
    const status = runner.begin(actorAt(2), 7);
    expect(status).toMatchObject({ state: 'running', reviewedBeats: 1 });
    const request = fake.calls[0]!;
    expect(Array.from(request.labels)).toEqual([-1, -1, 0]);
    expect(Array.from(request.ids)).toEqual([0, 1, 2]);
    expect(request.settings).toEqual({ epochs: 7 });
    expect(request.outDir.startsWith(`${adaptedModelsDir(REVIEW)}/adapted-2025-01-01T00-00-00-000Z`)).toBe(true);
    expect(runner.running).toBe(true);
  });

  it('refuses when no beat is reviewed, when one runs already, and when adaptation is not available', () => {
    const doc = docOf('NNV');
    expect(() => runnerOf(doc, fakeAdaptation(() => 'N').start).runner.begin(actorAt())).toThrow(/No beat has been reviewed/);
    doc.edit({ kind: 'relabel', beatIds: [0], label: 'N' }, actorAt(1));
    const { runner } = runnerOf(doc, fakeAdaptation(() => 'N').start);
    runner.begin(actorAt(2));
    expect(() => runner.begin(actorAt(3))).toThrow(/already running/);
    expect(() => runnerOf(doc, undefined).runner.begin(actorAt())).toThrow(/not available/);
  });
});

describe('AdaptationRunner (finished adaptation)', () => {
  it('re-classifies the other beats as one undoable step and keeps every reviewer label', async () => {
    const { doc, before, ended, runner } = await adapted();
    expect(ended).toEqual([true]);
    expect(shownBeats(doc).map((b) => b.label).join('')).toBe('SNNSSS');
    expect(shownBeats(doc).map((b) => b.predicted).join('')).toBe('SNNSSS');
    expect(columns(doc).reviewer).toEqual(before.reviewer);
    expect(runner.status).toMatchObject({ state: 'done', changedBeats: 5, replayBeats: 256, fraction: 1 });
    expect(doc.adaptedModelId).toBe(runner.status?.modelId);
    expect(doc.history.undoLabel).toBe('adapt to patient (5 beats changed)');
    expect(doc.history.audit.at(-1)).toMatchObject({ action: 'adapt', beatCount: 6 });
  });

  it('undo restores the previous predictions exactly and redo re-applies the adapted ones', async () => {
    const { doc, before } = await adapted();
    const after = columns(doc);
    doc.undo(actorAt(4));
    expect(columns(doc)).toEqual(before);
    expect(doc.adaptedModelId).toBeNull();
    doc.redo(actorAt(5));
    expect(columns(doc)).toEqual(after);
    expect(doc.adaptedModelId).not.toBeNull();
    expect(doc.history.audit.slice(-2).map((a) => a.action)).toEqual(['undo', 'redo']);
  });

  it('resets the Monte Carlo uncertainty of re-classified beats and restores it on undo', async () => {
    const doc = docOf('NNV');
    doc.store.columns.uncertainty.set([0.1, 0.2, 0.3]);
    doc.edit({ kind: 'relabel', beatIds: [2], label: 'N' }, actorAt(1));
    const fake = fakeAdaptation(() => 'V');
    runnerOf(doc, fake.start).runner.begin(actorAt(2));
    fake.release();
    await settle();
    expect(Array.from(doc.store.columns.uncertainty.subarray(0, 3)).every(Number.isNaN)).toBe(true);
    doc.undo(actorAt(3));
    expect(Array.from(doc.store.columns.uncertainty.subarray(0, 3))).toEqual([0.1, 0.2, 0.3].map(Math.fround));
  });

  it('round-trips an adapted review through the saved form, undo and redo included', async () => {
    const { doc, before } = await adapted();
    const back = decodeReview(JSON.stringify(encodeReview(doc, FINGERPRINT, new Date(0))), REVIEW).doc;
    expect(columns(back)).toEqual(columns(doc));
    expect(back.adaptedModelId).toBe(doc.adaptedModelId);
    expect(back.adaptation).toEqual(doc.adaptation);
    expect(back.history.audit).toEqual(doc.history.audit);
    back.undo(actorAt(6));
    expect(columns(back)).toEqual(before);
    const again = decodeReview(JSON.stringify(encodeReview(back, FINGERPRINT, new Date(0))), REVIEW).doc;
    again.redo(actorAt(7));
    expect(columns(again)).toEqual(columns(doc));
  });

  it('refuses a saved review whose adapt step does not match the beats', async () => {
    const { doc } = await adapted();
    const file = encodeReview(doc, FINGERPRINT, new Date(0));
    doc.store.columns.predicted[0] = 2; // the beats no longer hold what the step applied
    const tampered = { ...file, beats: encodeReview(doc, FINGERPRINT, new Date(0)).beats };
    expect(() => decodeReview(JSON.stringify(tampered), REVIEW)).toThrow(/undo\[2\] does not match the beats' predictions/);
  });

  it('applies nothing when the adaptation is cancelled or fails', async () => {
    const doc = docOf('NNV');
    doc.edit({ kind: 'relabel', beatIds: [2], label: 'N' }, actorAt(1));
    const before = columns(doc);
    const fake = fakeAdaptation(() => 'V');
    const { runner, ended } = runnerOf(doc, fake.start);
    runner.begin(actorAt(2));
    await runner.cancel();
    expect(runner.status).toMatchObject({ state: 'cancelled' });
    runner.begin(actorAt(3));
    fake.fail(new Error('worker died'));
    await settle();
    expect(runner.status).toMatchObject({ state: 'failed', error: { message: 'worker died' } });
    expect(columns(doc)).toEqual(before);
    expect(ended).toEqual([false, false]);
    expect(doc.history.undoLabel).toBe('relabel 1 beat V → N');
  });
});

describe('shownBeats', () => {
  it('lists the shown beats in time order with added and deleted beats as the reviewer left them', () => {
    const doc = docOf('NNV');
    doc.edit({ kind: 'delete', beatIds: [1] }, actorAt(1));
    doc.edit({ kind: 'add', sample: 900, label: 'S' }, actorAt(2));
    const beats = requestBeats(doc);
    expect(Array.from(beats.frames)).toEqual([360, 900, 1080]);
    expect(Array.from(beats.labels)).toEqual([-1, 1, -1]);
    expect(beats.reviewed).toBe(1);
  });
});

describe('applyRecord (adapt)', () => {
  it('replays an adaptation from its journal record exactly, and undo then restores the predictions before it', async () => {
    const { doc } = await adapted();
    const entry = doc.history.undoStack.at(-1)!;
    const line = doc.history.audit.at(-1)!;
    if (entry.change.field !== 'prediction') throw new Error('the newest step is not an adaptation');
    const text = encodeRecord(9, {
      op: 'adapt', entry: encodePredictionEntry(entry, entry.change), reviewer: line.reviewer, at: line.at, audit: { seq: line.seq, description: line.description },
    });
    const decoded = decodeRecord(text.slice(0, -1));
    if (!('record' in decoded)) throw new Error(decoded.problem);

    const replayed = docOf('NNVNNV', 1, [0.9, 0.8, 0.95, 0.7, 0.6, 0.99]);
    replayed.edit({ kind: 'relabel', beatIds: [2], label: 'N' }, actorAt(1));
    replayed.edit({ kind: 'relabel', beatIds: [1], label: 'N' }, actorAt(2));
    const before = columns(replayed);
    expect(applyRecord(replayed, decoded.record)).toBeNull();
    expect(columns(replayed)).toEqual(columns(doc));
    expect(replayed.adaptedModelId).toBe(doc.adaptedModelId);
    replayed.undo(actorAt(4));
    expect(columns(replayed)).toEqual(before);
  });

  it('says the record does not fit when the document is not the one it was written against', async () => {
    const { doc } = await adapted();
    const entry = doc.history.undoStack.at(-1)!;
    const line = doc.history.audit.at(-1)!;
    if (entry.change.field !== 'prediction') throw new Error('the newest step is not an adaptation');
    const decoded = decodeRecord(encodeRecord(9, {
      op: 'adapt', entry: encodePredictionEntry(entry, entry.change), reviewer: line.reviewer, at: line.at, audit: { seq: line.seq, description: line.description },
    }).slice(0, -1));
    if (!('record' in decoded)) throw new Error(decoded.problem);
    const other = docOf('NNVNNV', 1, [0.9, 0.8, 0.95, 0.7, 0.6, 0.99]);
    expect(applyRecord(other, decoded.record)).toMatch(/audit line/);
  });
});
