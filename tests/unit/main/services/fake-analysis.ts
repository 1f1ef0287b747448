/**
 * A stand-in for src/main/analysis in the review service tests: it "detects" a beat every
 * `rrSec` seconds (every fifth one a V), sends them in chunks of `chunkBeats` one event-loop
 * turn apart, honours fromSec and cancel like the real one, and records its calls.
 */
import { BEAT_LABELS } from '../../../../src/shared/review';
import type { AnalysisApi } from '../../../../src/main/services/review';
import type { AnalysisCallbacks, AnalysisRequest, BeatTools } from '../../../../src/main/analysis';

export interface FakeAnalysisOptions {
  frameRateHz?: number;
  durationSec: number;
  rrSec?: number;
  chunkBeats?: number;
  /** Stop sending after this many chunks and wait for cancel (an analysis still running). */
  stallAfterChunks?: number;
  /** Fail after this many chunks with this error. */
  failAfterChunks?: { chunks: number; error: Error };
  /** What snapToPeak adds to the clicked sample. */
  snapShift?: number;
}

/** The fake, with the requests it was started with and the neighbours each heatmap call got. */
export interface FakeAnalysis extends AnalysisApi {
  requests: AnalysisRequest[];
  heatmapNeighbours: (Int32Array | undefined)[];
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Builds a fake analysis; see the module comment. */
export function fakeAnalysis(options: FakeAnalysisOptions): FakeAnalysis {
  const fs = options.frameRateHz ?? 360;
  const rr = options.rrSec ?? 0.8;
  const chunkBeats = options.chunkBeats ?? 200;
  const requests: AnalysisRequest[] = [];
  const allBeats = Math.floor(options.durationSec / rr - 1e-9);

  async function run(request: AnalysisRequest, callbacks: AnalysisCallbacks, cancelled: () => boolean): Promise<{ state: 'done' | 'cancelled' }> {
    await tick();
    callbacks.onModel({ name: 'fake', version: '1', backend: 'cpu' });
    const first = Math.max(1, Math.ceil(((request.fromSec ?? 0) + 1e-9) / rr));
    let chunks = 0;
    for (let i = first; i <= allBeats; i += chunkBeats) {
      if (options.stallAfterChunks !== undefined && chunks >= options.stallAfterChunks) {
        while (!cancelled()) await tick();
      }
      if (options.failAfterChunks && chunks >= options.failAfterChunks.chunks) throw options.failAfterChunks.error;
      if (cancelled()) return { state: 'cancelled' };
      const n = Math.min(chunkBeats, allBeats - i + 1);
      const samples = Int32Array.from({ length: n }, (_, k) => Math.round((i + k) * rr * fs));
      const probabilities = new Float32Array(n * BEAT_LABELS.length);
      for (let k = 0; k < n; k++) probabilities[k * BEAT_LABELS.length + ((i + k) % 5 === 0 ? 2 : 0)] = 0.9;
      const templateIds = Int32Array.from({ length: n }, (_, k) => ((i + k) % 5 === 0 ? 1 : 0));
      const analysedSec = Math.min(options.durationSec, (i + n - 0.5) * rr);
      callbacks.onChunk({ samples, probabilities, templateIds, analysedSec, fraction: analysedSec / options.durationSec });
      callbacks.onProgress({ fraction: analysedSec / options.durationSec, message: `classified ${i + n - 1} beats` });
      chunks++;
      await tick();
    }
    return { state: cancelled() ? 'cancelled' : 'done' };
  }

  const heatmapNeighbours: (Int32Array | undefined)[] = [];
  const tools = (): BeatTools => ({
    attention: async (beats, neighbours) => {
      heatmapNeighbours.push(neighbours);
      return beats.map((b) => ({ beatId: b.id, startSec: b.sample / fs - 1, stepSec: 1 / 128, weights: [1] }));
    },
    // Unlike the attention: two weights, the first at 0.5 (the handler tests tell them apart).
    gradCam: async (beats, neighbours) => {
      heatmapNeighbours.push(neighbours);
      return beats.map((b) => ({ beatId: b.id, startSec: b.sample / fs - 1, stepSec: 1 / 128, weights: [0.5, 1] }));
    },
    snapToPeak: async (sample) => sample + (options.snapShift ?? 0),
    templates: async (beats) => {
      const ids = [...new Set(beats.map((b) => b.templateId))];
      return ids.map((id) => ({
        id,
        label: 'N' as const,
        count: beats.filter((b) => b.templateId === id).length,
        labelCounts: { N: 0, S: 0, V: 0, F: 0, Q: 0 },
        representativeBeatId: beats.find((b) => b.templateId === id)?.id ?? 0,
        representativeSec: (beats.find((b) => b.templateId === id)?.sample ?? 0) / fs,
        signalName: 'MLII',
        units: 'mV',
        frameRateHz: fs,
        offsetSec: 0.25,
        mean: [],
        members: [],
      }));
    },
  });

  return {
    requests,
    heatmapNeighbours,
    startAnalysis: (request, callbacks) => {
      requests.push(request);
      let cancelled = false;
      return { done: run(request, callbacks, () => cancelled), cancel: () => (cancelled = true) };
    },
    createBeatTools: () => tools(),
  };
}
