/**
 * `recording:window`: physical values of some signals over [startSec, startSec +
 * durationSec), clamped to the record. When the caller gives `maxPoints` and a signal would
 * exceed it, the window is decimated into (min, max) pairs per bin of frames so that the
 * peaks the eye looks for (R waves, pacing spikes) survive.
 */
import { AppError } from '../../shared/errors';
import type { CallRequest } from '../../shared/ipc-contract';
import type { SignalWindow, WindowSignal } from '../../shared/domain';
import type { WfdbRecord } from '../wfdb';
import { createBins, foldIntoBins, toPairs } from './min-max';
import { forEachChunk, frameAt } from './record-stream';
import { signalName } from './describe-record';

/** Which signals a request names (all when absent); an index past the record is an error. */
export function chooseSignals(record: WfdbRecord, requested: readonly number[] | undefined): number[] {
  const count = record.signals.length;
  const chosen = requested ? [...requested] : record.signals.map((s) => s.index);
  const wrong = chosen.find((i) => i >= count);
  if (wrong !== undefined) {
    throw new AppError(
      'ipc/invalid-argument',
      `${record.name}: there is no signal ${wrong}; the record has ${count} (0 to ${count - 1}).`,
      { record: record.name, signal: wrong, signalCount: count },
    );
  }
  return chosen;
}

/** Frames per bin when `frames` frames of `samplesPerFrame` would exceed `maxPoints` values. */
export function framesPerBinFor(frames: number, samplesPerFrame: number, maxPoints: number | undefined): number | null {
  if (maxPoints === undefined || frames * samplesPerFrame <= maxPoints) return null;
  const bins = Math.max(1, Math.floor(maxPoints / 2));
  return Math.ceil(frames / bins);
}

/** Reads the window a request describes from an open record. */
export async function readWindow(
  recordingId: string,
  record: WfdbRecord,
  request: CallRequest<'recording:window'>,
): Promise<SignalWindow> {
  const fs = record.frameRateHz;
  const signals = chooseSignals(record, request.signals);
  const startFrame = Math.min(record.frameCount, frameAt(request.startSec, fs));
  const endFrame = Math.min(record.frameCount, frameAt(request.startSec + request.durationSec, fs));
  const frames = Math.max(0, endFrame - startFrame);

  const outputs = signals.map((index) => createOutput(record, index, frames, request.maxPoints));
  await forEachChunk(record, startFrame, startFrame + frames, signals, (chunk, chunkStart) => {
    outputs.forEach((output, i) => output.add(chunk[i] ?? new Float64Array(0), chunkStart - startFrame));
  });
  return { recordingId, startFrame, endFrame: startFrame + frames, frameRateHz: fs, signals: outputs.map((o) => o.finish()) };
}

interface SignalOutput {
  add(values: Float64Array, firstFrame: number): void;
  finish(): WindowSignal;
}

function createOutput(record: WfdbRecord, index: number, frames: number, maxPoints: number | undefined): SignalOutput {
  const signal = record.signals[index];
  if (!signal) throw new AppError('internal', `${record.name}: signal ${index} vanished.`);
  const spf = signal.samplesPerFrame;
  const base = { index, name: signalName(signal), units: signal.units, samplesPerFrame: spf };
  const framesPerBin = framesPerBinFor(frames, spf, maxPoints);

  if (framesPerBin === null) {
    const values: (number | null)[] = [];
    return {
      add: (chunk) => {
        for (const v of chunk) values.push(Number.isNaN(v) ? null : v);
      },
      finish: () => ({ ...base, values, decimated: null }),
    };
  }
  const bins = createBins(Math.ceil(frames / framesPerBin));
  return {
    add: (chunk, firstFrame) => foldIntoBins(bins, chunk, spf, firstFrame, (f) => Math.floor(f / framesPerBin)),
    finish: () => ({ ...base, values: toPairs(bins), decimated: { framesPerBin } }),
  };
}
