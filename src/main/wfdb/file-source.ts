/**
 * File access behind a small interface, so that the record layer reads byte ranges of
 * files without knowing where they live: `nodeFiles` reads the disk with positional reads
 * on one open `FileHandle` per file, `memoryFiles` serves byte arrays (unit tests,
 * uploads). Paths use `/` or the platform separator; the record layer resolves signal and
 * segment files relative to the header's folder with `siblingPath`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { WfdbError } from '../../shared/errors';

/** A readable file. */
export interface FileSource {
  /** The path it was opened with (for error messages). */
  readonly path: string;
  /** Size in bytes. */
  size(): Promise<number>;
  /**
   * Reads `length` bytes from `offset`; fewer when the file ends first (none past its end).
   * `into`, when given and at least `length` long, is storage the source may read into
   * (returning a view of it) instead of allocating, so that a caller can reuse one
   * buffer; the caller leaves it alone until the read settles.
   * @throws WfdbError 'file/read' when the device fails.
   */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  /** Releases the file. Reading after close reopens it. */
  close(): Promise<void>;
}

/** Opens files by path. */
export interface FileProvider {
  /** @throws WfdbError 'wfdb/missing-file' naming `path` when there is no such file. */
  open(path: string): Promise<FileSource>;
}

/** The path of `name` in the folder of `path` (`/a/b/100.hea`, `100.dat` → `/a/b/100.dat`). */
export function siblingPath(path: string, name: string): string {
  const sep = path.lastIndexOf('/') >= path.lastIndexOf('\\') ? '/' : '\\';
  const at = path.lastIndexOf(sep);
  return at < 0 ? name : `${path.slice(0, at + 1)}${name}`;
}

/**
 * True when `name` is a plain relative file name that stays in the header's folder or below
 * (no absolute path, drive, `..` segment or NUL).
 */
export function isSafeRelativeName(name: string): boolean {
  if (name === '' || name.includes('\0') || posix.isAbsolute(name) || win32.isAbsolute(name) || /^[a-zA-Z]:/.test(name)) {
    return false;
  }
  return !name.split(/[\\/]/).some((part) => part === '..');
}

function readError(path: string, error: unknown): WfdbError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new WfdbError('wfdb/missing-file', path, 'no such file', { missing: path });
  }
  const why = error instanceof Error ? error.message : String(error);
  return new WfdbError('file/read', path, `cannot read: ${why}`);
}

class NodeFileSource implements FileSource {
  private handle: FileHandle | null;
  /** Reads in flight: `close` lets them finish on the handle they started with. */
  private readonly active = new Set<Promise<unknown>>();

  constructor(
    readonly path: string,
    handle: FileHandle,
  ) {
    this.handle = handle;
  }

  private async fileHandle(): Promise<FileHandle> {
    if (this.handle !== null) return this.handle;
    const handle = await open(this.path, 'r').catch((e: unknown) => Promise.reject(readError(this.path, e)));
    this.handle = handle;
    return handle;
  }

  async size(): Promise<number> {
    const handle = await this.fileHandle();
    return (await handle.stat().catch((e: unknown) => Promise.reject(readError(this.path, e)))).size;
  }

  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array> {
    const reading = this.readAt(offset, length, into);
    this.active.add(reading);
    const done = (): void => void this.active.delete(reading);
    reading.then(done, done);
    return reading;
  }

  private async readAt(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array> {
    const handle = await this.fileHandle();
    const size = Math.max(0, length);
    const buffer = into && into.length >= size ? into.subarray(0, size) : Buffer.allocUnsafe(size);
    let filled = 0;
    // A positional read may return fewer bytes than asked before the end of the file.
    while (filled < buffer.length) {
      const { bytesRead } = await handle
        .read(buffer, filled, buffer.length - filled, offset + filled)
        .catch((e: unknown) => Promise.reject(readError(this.path, e)));
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await Promise.allSettled([...this.active]);
    await handle?.close();
  }
}

/** Files on disk, read with positional reads (`FileHandle.read`). */
export function nodeFiles(): FileProvider {
  return {
    async open(path: string): Promise<FileSource> {
      const handle = await open(path, 'r').catch((e: unknown) => Promise.reject(readError(path, e)));
      const stat = await handle.stat();
      if (!stat.isFile()) {
        await handle.close();
        throw new WfdbError('file/read', path, 'is not a regular file');
      }
      return new NodeFileSource(path, handle);
    },
  };
}

class MemoryFileSource implements FileSource {
  constructor(
    readonly path: string,
    private readonly bytes: Uint8Array,
  ) {}

  async size(): Promise<number> {
    return this.bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.min(Math.max(0, offset), this.bytes.length);
    return this.bytes.subarray(start, Math.min(this.bytes.length, start + Math.max(0, length)));
  }

  async close(): Promise<void> {}
}

/**
 * Files held in memory, keyed by path; a string value is stored as its Latin-1 bytes (so a
 * header can be written as a literal).
 */
export function memoryFiles(files: Readonly<Record<string, Uint8Array | string>>): FileProvider {
  return {
    async open(path: string): Promise<FileSource> {
      const content = Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined;
      if (content === undefined) throw new WfdbError('wfdb/missing-file', path, 'no such file', { missing: path });
      return new MemoryFileSource(path, typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
    },
  };
}

/**
 * Decodes the bytes of a header file: UTF-8 when they are valid UTF-8, otherwise Latin-1
 * (headers are ASCII, but some carry a Latin-1 `°` or `µ` in units or descriptions).
 */
export function decodeHeaderText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}
