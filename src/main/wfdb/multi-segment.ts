/**
 * Multi-segment records (header(5) "Multi-segment records"), joined into one record: the
 * segments follow each other in time, each an ordinary record of its own.
 *
 * - Fixed layout: every segment has the record's signals in the same order; the record's
 *   signals are described by the first segment that is not null.
 * - Variable layout: the first segment has length 0 and is the layout segment (`*_layout`,
 *   signal files `~`); it lists every signal of the record. A segment holds some of them,
 *   matched by description; the others are invalid samples in that segment.
 * - A null segment (`~`) holds no samples: every signal is invalid there.
 *
 * Digital reads use the record signal's scale: in a variable layout the layout segment's
 * gain and baseline (a segment with other values is rescaled as the WFDB library does) and
 * invalid code WFDB_INVALID_SAMPLE (-32768, as the WFDB library reports them); a segment's
 * own invalid code is mapped to the record's. Physical values are computed with each
 * segment's own gain and baseline, so they are exact where a rescaled digital value was
 * truncated (by less than one layout ADC unit). Segment headers are read when a read first reaches the segment (a
 * huge record opens at once); a few segments stay open, the least recently used close.
 */
import { WfdbError } from '../../shared/errors';
import { siblingPath } from './file-source';
import { INT32_MAX, INT32_MIN } from './header-fields';
import { NULL_NAME, type SegmentSpec, type WfdbHeader } from './header-spec';
import type { ReadOptions, RecordSignal, WfdbRecord } from './record-types';
import { WFDB_INVALID_SAMPLE, checkWindow, makeRecordSignal, readOutputs } from './record-window';

/** How the record layer reads segment headers and opens segments. */
export interface SegmentLoader {
  readHeader(path: string): Promise<WfdbHeader>;
  open(path: string, header: WfdbHeader): Promise<WfdbRecord>;
}

/** Segments kept open at once. */
const OPEN_SEGMENTS = 8;

interface OpenSegment {
  record: WfdbRecord;
  /** For each record signal, its index in the segment, or -1 when the segment lacks it. */
  map: Int32Array;
}

/**
 * Opens a multi-segment record: reads the layout segment's header (variable layout) or
 * the first non-null segment's header (fixed layout).
 * @throws WfdbError 'wfdb/missing-file', 'wfdb/header-field' (segment lengths that do not
 *   add up to the record's, a layout that does not match the record line or is itself
 *   multi-segment), parse errors.
 */
export async function openMultiSegment(headerPath: string, header: WfdbHeader, loader: SegmentLoader): Promise<WfdbRecord> {
  const segments = header.segments ?? [];
  const total = segments.reduce((n, s) => n + s.segLen, 0);
  const sigLen = header.record.sigLen;
  if (sigLen !== null && sigLen > 0 && sigLen !== total) {
    throw new WfdbError('wfdb/header-field', headerPath, `the segment lengths add up to ${total} frames, the record line says ${sigLen}`, { field: 'number of samples' });
  }
  const layoutSegment = segments[0]?.segLen === 0 && segments[0].segName !== NULL_NAME ? segments[0] : undefined;
  const describing = layoutSegment ?? segments.find((s) => s.segName !== NULL_NAME && s.segLen > 0);
  if (describing === undefined) {
    throw new WfdbError('wfdb/header-field', headerPath, 'no segment describes the signals: every segment is null', { field: 'segments' });
  }
  const describingPath = siblingPath(headerPath, `${describing.segName}.hea`);
  const layout = await loader.readHeader(describingPath);
  if (layout.segments !== null) throw segmentError(describingPath, 'is itself a multi-segment record');
  if (layout.signals.length !== header.record.nSig) {
    throw new WfdbError('wfdb/header-field', describingPath, `has ${layout.signals.length} signals, the record ${header.record.recordName} has ${header.record.nSig}`, { field: 'number of signals' });
  }
  const signals = layout.signals.map((spec, i) => {
    const signal = makeRecordSignal(spec, i, describingPath);
    return { ...signal, invalidValue: layoutSegment ? WFDB_INVALID_SAMPLE : (signal.invalidValue ?? WFDB_INVALID_SAMPLE) };
  });
  return new MultiSegmentRecord(headerPath, header, signals, total, layoutSegment !== undefined, loader);
}

/** An open multi-segment record, read as one. */
class MultiSegmentRecord implements WfdbRecord {
  readonly name: string;
  readonly frameRateHz: number;
  private readonly segments: readonly SegmentSpec[];
  /** starts[i]: first frame of segment i; starts[n]: frameCount. */
  private readonly starts: number[];
  private readonly open = new Map<number, Promise<OpenSegment>>();

  constructor(
    readonly headerPath: string,
    readonly header: WfdbHeader,
    readonly signals: readonly RecordSignal[],
    readonly frameCount: number,
    private readonly variable: boolean,
    private readonly loader: SegmentLoader,
  ) {
    this.name = header.record.recordName;
    this.frameRateHz = header.record.fs;
    this.segments = header.segments ?? [];
    this.starts = [0];
    for (const s of this.segments) this.starts.push(this.starts[this.starts.length - 1]! + s.segLen);
  }

  async readDigital(startFrame: number, endFrame: number, signals?: readonly number[], options: ReadOptions<Int32Array> = {}): Promise<Int32Array[]> {
    const w = checkWindow(this.headerPath, this.frameCount, this.signals, startFrame, endFrame, signals);
    const outs = readOutputs(this.headerPath, this.signals, w, options.into, (n) => new Int32Array(n));
    outs.forEach((out, k) => out.fill(this.signals[w.chosen[k]!]!.invalidValue ?? WFDB_INVALID_SAMPLE));
    await this.eachSegment(w.start, w.end, w.chosen, async (seg, from, to, segSignals, views, targets) => {
      await seg.record.readDigital(from, to, segSignals, { into: views });
      views.forEach((view, k) => toRecordScale(view, seg.record.signals[segSignals[k]!]!, this.signals[targets[k]!]!, this.variable));
    }, outs);
    return outs;
  }

  async readPhysical(startFrame: number, endFrame: number, signals?: readonly number[], options: ReadOptions<Float64Array> = {}): Promise<Float64Array[]> {
    const w = checkWindow(this.headerPath, this.frameCount, this.signals, startFrame, endFrame, signals);
    const outs = readOutputs(this.headerPath, this.signals, w, options.into, (n) => new Float64Array(n));
    outs.forEach((out) => out.fill(Number.NaN));
    await this.eachSegment(w.start, w.end, w.chosen, async (seg, from, to, segSignals, views) => {
      await seg.record.readPhysical(from, to, segSignals, { into: views });
    }, outs);
    return outs;
  }

  /**
   * Calls `visit` for each non-null segment overlapping [start, end) with the segment's
   * frames [from, to), the segment's indices of the chosen signals it has, the views of
   * their outputs that those frames fill, and their record signal indices.
   */
  private async eachSegment<T extends Int32Array | Float64Array>(
    start: number,
    end: number,
    chosen: readonly number[],
    visit: (seg: OpenSegment, from: number, to: number, segSignals: number[], views: T[], targets: number[]) => Promise<void>,
    outs: T[],
  ): Promise<void> {
    for (let i = this.firstSegmentAt(start); i < this.segments.length && this.starts[i]! < end; i++) {
      const spec = this.segments[i]!;
      const segStart = this.starts[i]!;
      const from = Math.max(start, segStart) - segStart;
      const to = Math.min(end, segStart + spec.segLen) - segStart;
      if (spec.segName === NULL_NAME || to <= from) continue;
      const seg = await this.segment(i);
      const at = segStart + from - start;
      const [segSignals, views, targets]: [number[], T[], number[]] = [[], [], []];
      chosen.forEach((index, k) => {
        const j = seg.map[index]!;
        if (j < 0) return;
        const spf = this.signals[index]!.samplesPerFrame;
        segSignals.push(j);
        views.push(outs[k]!.subarray(at * spf, (at + to - from) * spf) as T);
        targets.push(index);
      });
      if (segSignals.length > 0) await visit(seg, from, to, segSignals, views, targets);
    }
  }

  /** Index of the segment holding frame `frame` (the last one starting at or before it). */
  private firstSegmentAt(frame: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= frame) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The open segment `i`, opened on first use; the least recently used ones close. */
  private segment(i: number): Promise<OpenSegment> {
    let entry = this.open.get(i);
    if (entry) {
      this.open.delete(i);
    } else {
      entry = this.openSegment(i);
      entry.catch(() => this.open.delete(i));
    }
    this.open.set(i, entry);
    while (this.open.size > OPEN_SEGMENTS) {
      const [oldest, evicted] = this.open.entries().next().value as [number, Promise<OpenSegment>];
      this.open.delete(oldest);
      void evicted.then((s) => s.record.close()).catch(() => undefined);
    }
    return entry;
  }

  private async openSegment(i: number): Promise<OpenSegment> {
    const spec = this.segments[i]!;
    const path = siblingPath(this.headerPath, `${spec.segName}.hea`);
    const header = await this.loader.readHeader(path);
    if (header.segments !== null) throw segmentError(path, 'is itself a multi-segment record');
    if (Math.abs(header.record.fs - this.frameRateHz) > 1e-9 * this.frameRateHz) {
      throw segmentError(path, `has sampling frequency ${header.record.fs}, the record ${this.frameRateHz}`);
    }
    const record = await this.loader.open(path, header);
    try {
      if (record.frameCount < spec.segLen) throw segmentError(path, `has ${record.frameCount} frames, the record's header says ${spec.segLen}`);
      return { record, map: this.signalMap(path, record) };
    } catch (error) {
      await record.close();
      throw error;
    }
  }

  /** Matches the segment's signals to the record's: by position (fixed) or description (variable). */
  private signalMap(path: string, segment: WfdbRecord): Int32Array {
    const map = new Int32Array(this.signals.length).fill(-1);
    if (!this.variable && segment.signals.length !== this.signals.length) {
      throw segmentError(path, `has ${segment.signals.length} signals, the record ${this.signals.length} (fixed layout)`);
    }
    const used = new Set<number>();
    this.signals.forEach((signal, r) => {
      const j = this.variable ? segment.signals.findIndex((s, k) => !used.has(k) && s.description === signal.description) : r;
      if (j < 0) return;
      if (segment.signals[j]!.samplesPerFrame !== signal.samplesPerFrame) {
        throw segmentError(path, `signal ${j} has ${segment.signals[j]!.samplesPerFrame} samples per frame, the record's signal ${r} ${signal.samplesPerFrame}`);
      }
      used.add(j);
      map[r] = j;
    });
    return map;
  }

  async close(): Promise<void> {
    const open = [...this.open.values()];
    this.open.clear();
    await Promise.all(open.map((p) => p.then((s) => s.record.close()).catch(() => undefined)));
  }
}

function segmentError(path: string, problem: string): WfdbError {
  return new WfdbError('wfdb/header-field', path, `segment ${problem}`, { field: 'segment' });
}

/**
 * Brings a segment's digital samples in `out` to the record signal's code:
 * its invalid code becomes the record's, and in a variable layout a segment whose gain or
 * baseline differs from the layout's is rescaled to the layout's as the WFDB library does
 * (WFDB 10.7 `lib/sigmap.c`: v * scale + offset rounded to the nearest integer, halves
 * up, within the int32 range; scale = layout gain / segment gain, offset = layout
 * baseline - scale * segment baseline).
 */
function toRecordScale(out: Int32Array, segment: RecordSignal, record: RecordSignal, variable: boolean): void {
  const segmentInvalid = segment.invalidValue;
  const recordInvalid = record.invalidValue ?? WFDB_INVALID_SAMPLE;
  const rescale = variable && (segment.adcGain !== record.adcGain || segment.baseline !== record.baseline);
  if (!rescale && (segmentInvalid === null || segmentInvalid === recordInvalid)) return;
  const scale = rescale ? record.adcGain / segment.adcGain : 1;
  const offset = rescale ? record.baseline - scale * segment.baseline : 0;
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    if (v === segmentInvalid) out[i] = recordInvalid;
    else if (rescale) out[i] = Math.min(INT32_MAX, Math.max(INT32_MIN, Math.floor(v * scale + offset + 0.5)));
  }
}
