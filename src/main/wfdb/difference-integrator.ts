/**
 * Format 8 stores first differences: sample i of a signal is its initial value plus its
 * differences 0..i (signal(5); WFDB `lib/signal.c` keeps the running value per signal).
 * A window in the middle of a file therefore needs the running values at its start. This
 * class keeps them every `CHECKPOINT_FRAMES` frames, computed once by integrating from
 * the start of the file and cached, so a read integrates at most that many extra frames.
 */

/** Frames between checkpoints of the running values. */
export const CHECKPOINT_FRAMES = 65_536;

/** Where a signal's samples sit in a frame of the interleaved stream. */
export interface StreamSlot {
  /** Offset of the signal's first sample in a frame. */
  offset: number;
  /** Samples of the signal per frame. */
  spf: number;
}

/**
 * Integrates, in place, `frames` frames of differences in `data` (interleaved, `frameSize`
 * samples per frame), starting from the running values `running` (one per slot, updated).
 * `onFrame(k)` is called before frame k (relative) is integrated, so a caller can record
 * checkpoints.
 */
export function integrateFrames(
  data: Int32Array,
  frames: number,
  frameSize: number,
  slots: readonly StreamSlot[],
  running: Int32Array,
  onFrame?: (frame: number) => void,
): void {
  for (let f = 0; f < frames; f++) {
    onFrame?.(f);
    const base = f * frameSize;
    for (let j = 0; j < slots.length; j++) {
      const { offset, spf } = slots[j]!;
      let value = running[j]!;
      for (let k = base + offset, end = k + spf; k < end; k++) {
        value = (value + data[k]!) | 0;
        data[k] = value;
      }
      running[j] = value;
    }
  }
}

/** Decodes the raw differences of file frames [start, end). */
export type DecodeFrames = (start: number, end: number) => Promise<Int32Array>;

/** Running values of a format 8 file at every CHECKPOINT_FRAMES frames, built lazily. */
export class DifferenceIntegrator {
  /** checkpoints[c]: running values before frame c × CHECKPOINT_FRAMES. */
  private readonly checkpoints: Int32Array[];
  private building: Promise<void> = Promise.resolve();

  constructor(
    private readonly slots: readonly StreamSlot[],
    private readonly frameSize: number,
    initialValues: readonly number[],
    private readonly decode: DecodeFrames,
  ) {
    this.checkpoints = [Int32Array.from(initialValues)];
  }

  /** Integrated samples of file frames [start, end), interleaved like the stream. */
  async read(start: number, end: number): Promise<Int32Array> {
    const c = Math.floor(start / CHECKPOINT_FRAMES);
    await this.ensureCheckpoint(c);
    const from = c * CHECKPOINT_FRAMES;
    const data = await this.decode(from, end);
    const running = this.checkpoints[c]!.slice();
    integrateFrames(data, end - from, this.frameSize, this.slots, running, (f) => {
      const frame = from + f;
      if (frame % CHECKPOINT_FRAMES === 0 && frame / CHECKPOINT_FRAMES === this.checkpoints.length) {
        this.checkpoints.push(running.slice());
      }
    });
    return data.subarray((start - from) * this.frameSize);
  }

  /** Builds checkpoints up to `c`, one read at a time (concurrent reads wait in line). */
  private ensureCheckpoint(c: number): Promise<void> {
    const next = this.building.then(async () => {
      while (this.checkpoints.length <= c) {
        const n = this.checkpoints.length;
        const data = await this.decode((n - 1) * CHECKPOINT_FRAMES, n * CHECKPOINT_FRAMES);
        const running = this.checkpoints[n - 1]!.slice();
        integrateFrames(data, CHECKPOINT_FRAMES, this.frameSize, this.slots, running);
        this.checkpoints.push(running);
      }
    });
    this.building = next.catch(() => undefined);
    return next;
  }
}
