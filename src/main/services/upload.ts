/**
 * `recording:upload`: a browser (loopback transport) cannot hand us paths, so it sends the
 * files of one record. They are written into a fresh folder `uploads/<random>/` under the
 * data folder, and the record whose header is among them is opened from there.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { CallRequest } from '../../shared/ipc-contract';
import type { RecordingInfo } from '../../shared/domain';
import { NULL_NAME, parseHeader, type WfdbHeader } from '../wfdb';

type UploadFile = CallRequest<'recording:upload'>['files'][number];

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Checks that `name` is a plain file name that stays inside `folder`: no separators, no
 * drive or stream colon (NTFS `file:stream`), no control characters, not `.`/`..`.
 * Returns the full path. The contract's schema already rejects most of these; this is the
 * second line, for callers that bypass it.
 * @throws AppError 'ipc/invalid-argument'
 */
export function uploadPath(folder: string, name: string): string {
  const bad = name.length === 0 || name.length > 255 || /[/\\:\u0000-\u001f]/.test(name) || name === '.' || name === '..';
  const path = resolve(folder, name);
  if (bad || dirname(path) !== resolve(folder) || basename(path) !== name) {
    throw new AppError('ipc/invalid-argument', `Upload: "${name.slice(0, 80)}" is not a plain file name.`, { file: name.slice(0, 80) });
  }
  return path;
}

/** An uploaded file as the checks below see it. */
interface Received {
  name: string;
  bytes: Buffer;
}

/** Parses an uploaded header (Latin-1, as WFDB headers are ASCII), or null when it is not one. */
function headerOf(files: readonly Received[], name: string): WfdbHeader | null {
  const file = files.find((f) => f.name === name);
  if (!file) return null;
  try {
    return parseHeader(file.bytes.toString('latin1'), name);
  } catch {
    return null;
  }
}

/**
 * Picks the header to open among the uploaded files: the only `.hea`, or, for a
 * multi-segment upload, the one header that lists segments.
 * @throws AppError 'file/not-found' when there is no header, 'ipc/invalid-argument' when
 * several records were sent together.
 */
export function chooseHeader(files: readonly Received[]): string {
  const headers = files.filter((f) => f.name.toLowerCase().endsWith('.hea')).map((f) => f.name);
  if (headers.length === 0) {
    throw new AppError('file/not-found', `Upload: no header (.hea) among ${files.map((f) => f.name).join(', ')}; a WFDB record needs its .hea file.`);
  }
  if (headers.length === 1) return headers[0] as string;
  const masters = headers.filter((name) => headerOf(files, name)?.segments != null);
  if (masters.length === 1) return masters[0] as string;
  throw new AppError('ipc/invalid-argument', `Upload: several headers (${headers.join(', ')}); send one record at a time.`);
}

/**
 * The files a header needs beside it: its signal files, or for a multi-segment header each
 * segment's header and that header's signal files. Null signals and segments (`~`) need none.
 */
export function requiredFiles(files: readonly Received[], headerName: string): string[] {
  const header = headerOf(files, headerName);
  if (!header) return []; // an unparseable header fails on open, with the parser's message
  if (!header.segments) return header.signals.map((s) => s.fileName).filter((n) => n !== NULL_NAME);
  const needed: string[] = [];
  for (const segment of header.segments) {
    if (segment.segName === NULL_NAME) continue;
    const segmentHeader = `${segment.segName}.hea`;
    needed.push(segmentHeader, ...(headerOf(files, segmentHeader)?.signals ?? []).map((s) => s.fileName));
  }
  return needed.filter((n) => n !== NULL_NAME);
}

/**
 * Checks the upload (unique names, base64, a header, every file the header names), writes
 * the files into a fresh folder under `<dataDir>/uploads/` and opens the record with
 * `open`. If the open fails, the folder is removed.
 */
export async function receiveUpload(
  dataDir: string,
  files: readonly UploadFile[],
  open: (headerPath: string) => Promise<RecordingInfo>,
): Promise<RecordingInfo> {
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) throw new AppError('ipc/invalid-argument', `Upload: "${file.name}" was sent twice.`);
    if (!BASE64.test(file.dataBase64)) throw new AppError('ipc/invalid-argument', `Upload: "${file.name}" is not valid base64.`);
    names.add(file.name);
  }
  const folder = join(dataDir, 'uploads', randomBytes(8).toString('hex'));
  const decoded = files.map((f) => ({ name: f.name, path: uploadPath(folder, f.name), bytes: Buffer.from(f.dataBase64, 'base64') }));
  const headerName = chooseHeader(decoded);
  const missing = [...new Set(requiredFiles(decoded, headerName))].filter((n) => !names.has(n));
  if (missing.length > 0) {
    const verb = missing.length === 1 ? 'was' : 'were';
    throw new AppError('wfdb/missing-file', `Upload: ${headerName} names ${missing.join(', ')}, which ${verb} not uploaded.`, { file: missing[0] ?? null });
  }
  await mkdir(folder, { recursive: true });
  try {
    for (const file of decoded) await writeFile(file.path, file.bytes, { flag: 'wx' });
    return await open(join(folder, headerName));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
