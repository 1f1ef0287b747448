/**
 * Opening WFDB records (`openRecord`) and reading single-segment records: signals are
 * grouped by signal file (signal-group.ts); multi-segment records are joined in
 * multi-segment.ts. Opening reads the header and checks that every signal file exists;
 * samples are read per window, only the bytes needed.
 */
import { WfdbError } from '../../shared/errors';
import { decodeHeaderText, isSafeRelativeName, nodeFiles, siblingPath, type FileProvider, type FileSource } from './file-source';
import { getFormat } from './formats';
import { parseHeader } from './header';
import type { SignalSpec, WfdbHeader } from './header-spec';
import { openMultiSegment } from './multi-segment';
import type { OpenRecordOptions, ReadOptions, RecordSignal, WfdbRecord } from './record-types';
import { checkWindow, isNullSignal, makeRecordSignal, readOutputs } from './record-window';
import { unwrittenFloat64, unwrittenInt32 } from './sample-extract';
import { SignalGroup, type SampleSink } from './signal-group';

/** Largest header file read (bytes); real headers are a few kB, MIMIC masters < 1 MB. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/**
 * Opens a WFDB record, single- or multi-segment, from its header file.
 *
 * @param headerPath path of the `.hea` file; signal and segment files are looked up in its folder
 * @param options `files`: where files come from (default: the disk)
 * @throws WfdbError 'wfdb/missing-file' (the header or a signal file; a segment's files
 *   are checked when a read first reaches it), 'wfdb/header-syntax', 'wfdb/header-field',
 *   'wfdb/unsupported-format', 'file/too-large', 'file/read'.
 */
export async function openRecord(headerPath: string, options: OpenRecordOptions = {}): Promise<WfdbRecord> {
  const files = options.files ?? nodeFiles();
  const header = await readHeaderFile(files, headerPath);
  if (header.segments !== null) {
    return openMultiSegment(headerPath, header, {
      readHeader: (path) => readHeaderFile(files, path),
      open: (path, segmentHeader) => openSingleSegment(path, segmentHeader, files),
    });
  }
  return openSingleSegment(headerPath, header, files);
}

/**
 * Reads and parses a header file.
 * @throws WfdbError 'wfdb/missing-file', 'file/too-large', 'wfdb/header-syntax', 'wfdb/header-field'
 */
export async function readHeaderFile(files: FileProvider, path: string): Promise<WfdbHeader> {
  const source = await files.open(path);
  try {
    const size = await source.size();
    if (size > MAX_HEADER_BYTES) {
      throw new WfdbError('file/too-large', path, `is ${size} bytes, more than a header can be (${MAX_HEADER_BYTES})`);
    }
    return parseHeader(decodeHeaderText(await source.read(0, size)), path);
  } finally {
    await source.close();
  }
}

/** Where a record signal is stored: its group and place in it, or nowhere (null signal). */
type Placement = { group: number; member: number } | null;

/**
 * Opens the single-segment record described by `header` (read from `headerPath`).
 * @throws WfdbError as `openRecord`
 */
export async function openSingleSegment(headerPath: string, header: WfdbHeader, files: FileProvider): Promise<SingleSegmentRecord> {
  const signals = header.signals.map((spec, i) => makeRecordSignal(spec, i, headerPath));
  const byFile = new Map<string, number[]>();
  header.signals.forEach((spec, i) => {
    if (isNullSignal(spec)) return;
    checkFileName(headerPath, spec, i);
    byFile.set(spec.fileName, [...(byFile.get(spec.fileName) ?? []), i]);
  });
  const groups: SignalGroup[] = [];
  const placements: Placement[] = header.signals.map(() => null);
  try {
    for (const [fileName, indices] of byFile) {
      const source = await files.open(siblingPath(headerPath, fileName));
      groups.push(makeGroup(headerPath, source, indices.map((i) => header.signals[i]!), indices.map((i) => signals[i]!)));
      indices.forEach((i, member) => (placements[i] = { group: groups.length - 1, member }));
    }
    const sigLen = header.record.sigLen;
    // header(5): a length of 0 or none means "unknown": the files tell.
    const frameCount = sigLen !== null && sigLen > 0 ? sigLen : await capacity(groups);
    return new SingleSegmentRecord(headerPath, header, signals, groups, placements, frameCount);
  } catch (error) {
    await Promise.all(groups.map((g) => g.close().catch(() => undefined)));
    throw error;
  }
}

async function capacity(groups: readonly SignalGroup[]): Promise<number> {
  if (groups.length === 0) return 0;
  return Math.min(...(await Promise.all(groups.map((g) => g.frameCapacity()))));
}

function checkFileName(headerPath: string, spec: SignalSpec, index: number): void {
  if (spec.fileName === '-') {
    throw new WfdbError('wfdb/header-field', headerPath, `signal ${index}: reading samples from standard input ("-") is not supported`, { field: 'file name' });
  }
  if (!isSafeRelativeName(spec.fileName)) {
    throw new WfdbError('wfdb/header-field', headerPath, `signal ${index}: signal file "${spec.fileName}" must be a relative name inside the record's folder`, {
      field: 'file name',
      found: spec.fileName,
    });
  }
}

/** Builds the group of the signals stored in one file, checking that they agree. */
function makeGroup(headerPath: string, source: FileSource, specs: SignalSpec[], signals: RecordSignal[]): SignalGroup {
  const first = specs[0]!;
  const format = getFormat(first.fmt, headerPath);
  for (const spec of specs) {
    if (spec.fmt !== first.fmt) {
      throw new WfdbError('wfdb/header-field', headerPath, `signals of ${first.fileName} have formats ${first.fmt} and ${spec.fmt}; one file has one format`, { field: 'format' });
    }
    if (spec.byteOffset !== first.byteOffset && spec.byteOffset !== 0) {
      throw new WfdbError('wfdb/header-field', headerPath, `signals of ${first.fileName} have byte offsets ${first.byteOffset} and ${spec.byteOffset}`, { field: 'byte offset' });
    }
    if (format.isFlac && spec.sampsPerFrame !== first.sampsPerFrame) {
      throw new WfdbError('wfdb/header-field', headerPath, `FLAC file ${first.fileName} has signals with different samples per frame`, { field: 'samples per frame' });
    }
  }
  let offset = 0;
  const members = specs.map((spec, j) => {
    const member = { offset, spf: spec.sampsPerFrame, skew: spec.skew, invalid: signals[j]!.invalidValue ?? 0 };
    offset += spec.sampsPerFrame;
    return member;
  });
  return new SignalGroup(source, format, members, first.byteOffset, specs.map((s) => s.initValue));
}

/** An open single-segment record. */
export class SingleSegmentRecord implements WfdbRecord {
  readonly name: string;
  readonly frameRateHz: number;

  constructor(
    readonly headerPath: string,
    readonly header: WfdbHeader,
    readonly signals: readonly RecordSignal[],
    private readonly groups: readonly SignalGroup[],
    private readonly placements: readonly Placement[],
    readonly frameCount: number,
  ) {
    this.name = header.record.recordName;
    this.frameRateHz = header.record.fs;
  }

  async readDigital(startFrame: number, endFrame: number, signals?: readonly number[], options: ReadOptions<Int32Array> = {}): Promise<Int32Array[]> {
    const w = checkWindow(this.headerPath, this.frameCount, this.signals, startFrame, endFrame, signals);
    const outs = readOutputs(this.headerPath, this.signals, w, options.into, unwrittenInt32);
    await this.fill(w.start, w.end, w.chosen, outs.map((out): SampleSink => ({ kind: 'digital', out })));
    return outs;
  }

  async readPhysical(startFrame: number, endFrame: number, signals?: readonly number[], options: ReadOptions<Float64Array> = {}): Promise<Float64Array[]> {
    const w = checkWindow(this.headerPath, this.frameCount, this.signals, startFrame, endFrame, signals);
    const outs = readOutputs(this.headerPath, this.signals, w, options.into, unwrittenFloat64);
    const sinks = w.chosen.map((i, k): SampleSink => {
      const s = this.signals[i]!;
      return { kind: 'physical', out: outs[k]!, gain: s.adcGain, baseline: s.baseline, invalid: s.invalidValue };
    });
    await this.fill(w.start, w.end, w.chosen, sinks);
    return outs;
  }

  /** Reads each group once for the chosen signals it holds; null signals are all invalid. */
  private async fill(start: number, end: number, chosen: readonly number[], sinks: readonly SampleSink[]): Promise<void> {
    const perGroup = this.groups.map(() => [] as { member: number; sink: SampleSink }[]);
    chosen.forEach((index, k) => {
      const place = this.placements[index];
      const sink = sinks[k]!;
      if (place) perGroup[place.group]!.push({ member: place.member, sink });
      else sink.out.fill(sink.kind === 'digital' ? (this.signals[index]!.invalidValue ?? 0) : Number.NaN);
    });
    await Promise.all(
      perGroup.map((members, g) => (members.length > 0 ? this.groups[g]!.read(start, end, this.frameCount, members) : undefined)),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.groups.map((g) => g.close()));
  }
}
