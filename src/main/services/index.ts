/**
 * The services behind every transport: `createServices` returns one handler per call
 * channel of the contract. Plain TypeScript with no Electron, so the Electron IPC, the
 * loopback HTTP server, the CLI and the tests all run the same code. Paths and
 * transport-specific pieces (the native file dialog) arrive as options.
 */
import { resolve } from 'node:path';
import type { CallHandlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { listSamples } from './library';
import { createRecentStore } from './recent-store';
import { createRecordingCache, DEFAULT_CACHE_CAPACITY } from './record-cache';
import { createRecordingHandlers, openRecordingAt } from './recordings';
import { receiveUpload } from './upload';
import { createMlBackendHandler } from './ml-backend';
import type { BackendPreference } from '../ml/backend/select';

export interface ServicesOptions {
  /** Writable folder for the recent list and uploads (Electron: userData). */
  dataDir: string;
  /** Folder holding `samples/` (dev: <repo>/resources; packaged: the app's resources). */
  resourcesDir: string;
  /** Which transport serves these handlers, reported by `app:info`. */
  transport: 'electron' | 'loopback';
  /** App version for `app:info`. */
  version: string;
  /** The native open dialog (Electron only); resolves to a header path or null when cancelled. */
  openDialog?: () => Promise<string | null>;
  /** The TensorFlow.js backend to use (default: RA_TF_BACKEND, then settings.json, then the best that loads). */
  mlBackend?: BackendPreference;
  /** Records kept open at once (default 8). */
  cacheCapacity?: number;
}

/** The handlers plus what their owner needs to shut them down. */
export interface Services {
  readonly handlers: CallHandlers;
  /** Closes every open record (at shutdown, or at the end of a test). */
  close(): Promise<void>;
}

/** Builds the services for one process. */
export function createServices(options: ServicesOptions): Services {
  const dataDir = resolve(options.dataDir);
  const resourcesDir = resolve(options.resourcesDir);
  const cache = createRecordingCache(options.cacheCapacity ?? DEFAULT_CACHE_CAPACITY);
  const recent = createRecentStore(dataDir);
  const onOpened = async (info: { path: string; recordName: string }): Promise<void> => {
    await recent.add({ path: info.path, recordName: info.recordName });
  };
  const { openDialog } = options;

  const handlers: CallHandlers = {
    'app:info': async () => ({
      name: 'RhythmAttention',
      version: options.version,
      transport: options.transport,
      hasNativeDialog: openDialog !== undefined,
    }),
    'library:samples': () => listSamples(resourcesDir),
    'library:recent': () => recent.list(),
    'dialog:openRecording': async () => {
      if (!openDialog) {
        throw new AppError('ipc/not-available', 'There is no native file dialog in the browser; upload the record\'s files instead.');
      }
      return { path: await openDialog() };
    },
    'ml:backend': createMlBackendHandler({ dataDir, preference: options.mlBackend }),
    ...createRecordingHandlers(cache, onOpened),
    'recording:upload': ({ files }) =>
      receiveUpload(dataDir, files, (headerPath) => openRecordingAt(cache, headerPath, onOpened)),
  };
  return { handlers, close: () => cache.closeAll() };
}
