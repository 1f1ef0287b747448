/**
 * A RendererApi double for store tests: a synthetic record (360 Hz, two signals, a beat
 * every second) whose calls can be held back and released in any order, to test what the
 * store does with late answers.
 */
import type { RendererApi } from '../../../../src/shared/api';
import type { AnnotationMark, RecordingInfo, SignalWindow } from '../../../../src/shared/domain';
import { ok, type Result } from '../../../../src/shared/result';

export const FS = 360;

export function recordingInfo(durationSec = 1800): RecordingInfo {
  const signal = (index: number, name: string) => ({ index, name, units: 'mV', adcGain: 200, baseline: 1024, format: 212, samplesPerFrame: 1, adcResolutionBits: 11, adcZero: 1024 });
  return {
    id: 'rec-1', recordName: '100', path: '/data/100.hea', frameRateHz: FS, frameCount: durationSec * FS, durationSec,
    baseTime: null, baseDate: null, signals: [signal(0, 'MLII'), signal(1, 'V5')], comments: [], segmentCount: null,
    annotators: [{ name: 'atr', count: 2000 }],
  };
}

/** The window the double answers: value = time in seconds, so a test can tell pages apart. */
export function syntheticWindow(startSec: number, durationSec: number): SignalWindow {
  const startFrame = Math.round(startSec * FS);
  const endFrame = Math.round((startSec + durationSec) * FS);
  const values = Array.from({ length: endFrame - startFrame }, (_, i) => (startFrame + i) / FS);
  return {
    recordingId: 'rec-1', startFrame, endFrame, frameRateHz: FS,
    signals: [0, 1].map((index) => ({ index, name: `s${index}`, units: 'mV', samplesPerFrame: 1, values, decimated: null })),
  };
}

export function syntheticMarks(startSec: number, endSec: number): AnnotationMark[] {
  const out: AnnotationMark[] = [];
  for (let t = Math.ceil(startSec); t < endSec; t++) out.push({ sample: t * FS, timeSec: t, symbol: 'N', subtype: 0, chan: 0, num: 0, aux: null });
  return out;
}

interface Pending {
  channel: string;
  arg: { startSec?: number } & Record<string, unknown>;
  release: () => void;
}

/** The double; with `hold` set, calls wait in `pending` until released. */
export function fakeApi() {
  const calls: { channel: string; arg: unknown }[] = [];
  const pending: Pending[] = [];
  let hold = false;
  function answer<T>(channel: string, arg: Record<string, unknown>, value: () => T): Promise<Result<T>> {
    calls.push({ channel, arg });
    if (!hold) return Promise.resolve(ok(value()));
    return new Promise((resolve) => pending.push({ channel, arg, release: () => resolve(ok(value())) }));
  }
  const api = {
    transport: 'loopback',
    on: () => () => undefined,
    calls: {
      'recording:open': (arg: { path: string }) => answer('recording:open', arg, () => ({ ...recordingInfo(), path: arg.path })),
      'recording:window': (arg: { startSec: number; durationSec: number }) => answer('recording:window', arg, () => syntheticWindow(arg.startSec, arg.durationSec)),
      'recording:annotations': (arg: { startSec: number; endSec: number }) => answer('recording:annotations', arg, () => syntheticMarks(arg.startSec, arg.endSec)),
      'recording:overview': (arg: { bins: number }) => answer('recording:overview', arg, () => ({ recordingId: 'rec-1', signalIndex: 0, binDurationSec: 1800 / arg.bins, min: [], max: [] })),
    },
  } as unknown as RendererApi;
  return {
    api,
    calls,
    pending,
    setHold(value: boolean) {
      hold = value;
    },
  };
}
