/**
 * The only module that touches `ipcMain`. Each call channel of the contract gets one
 * `handle`: the sender is checked (our window's webContents, its top frame, showing our
 * page), then the shared dispatcher validates the argument, runs the handler and returns a
 * `Result`. Events go out with `webContents.send` on the event channels.
 */
import { fileURLToPath } from 'node:url';
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventSink } from '../../shared/api';
import { CALL_CHANNELS, EVENT_CHANNELS } from '../../shared/ipc-contract';
import { fail } from '../../shared/result';
import type { Dispatch } from './dispatch';

export interface IpcOptions {
  dispatch: Dispatch;
  /** The app window, or null before it exists / after it closed. */
  getWindow: () => BrowserWindow | null;
  /** The dev server URL in dev, undefined in a build. */
  devUrl: string | undefined;
  /** Absolute path of the built renderer page, the only file:// page trusted in a build. */
  indexHtml: string;
}

/**
 * Whether an invoke comes from our page: our window's webContents, its top frame (not an
 * iframe), at the dev server's origin in dev or at our index.html in a build.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, options: IpcOptions): boolean {
  const window = options.getWindow();
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isOurPage(frame.url, options);
}

function isOurPage(url: string, options: IpcOptions): boolean {
  try {
    const parsed = new URL(url);
    if (options.devUrl) return parsed.origin === new URL(options.devUrl).origin;
    return parsed.protocol === 'file:' && fileURLToPath(parsed) === options.indexHtml;
  } catch {
    return false;
  }
}

/** Registers a handler per call channel; returns the function that removes them. */
export function registerIpc(options: IpcOptions): () => void {
  for (const channel of CALL_CHANNELS) {
    ipcMain.handle(channel, async (event, arg: unknown) => {
      if (!isTrustedSender(event, options)) {
        return fail({ code: 'ipc/unauthorized', message: `${channel}: refused a call from a page that is not RhythmAttention's.` });
      }
      return options.dispatch(channel, arg);
    });
  }
  return () => {
    for (const channel of CALL_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** The event sink of the Electron transport: sends to our window while it is alive. */
export function createIpcEventSink(getWindow: () => BrowserWindow | null): EventSink {
  return (event, payload) => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(event)) return;
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  };
}
