/**
 * The only module that touches `ipcMain`. Each call channel of the contract gets one
 * `handle`: the sender is checked (`isTrustedSender`: our window's webContents, its top
 * frame, showing our page), then the shared dispatcher validates the argument with the
 * channel's zod schema, runs the handler and returns a `Result`. Events go out with `webContents.send` on the event channels.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventSink } from '../../shared/api';
import { CALL_CHANNELS, EVENT_CHANNELS } from '../../shared/ipc-contract';
import { fail } from '../../shared/result';
import type { Dispatch } from './dispatch';
import { isTrustedSender } from './sender';

export interface IpcOptions {
  dispatch: Dispatch;
  /** The app window, or null before it exists / after it closed. */
  getWindow: () => BrowserWindow | null;
  /** The dev server URL in dev, undefined in a build (then only the app scheme is trusted). */
  devUrl: string | undefined;
}

function trusted(event: IpcMainInvokeEvent, options: IpcOptions): boolean {
  const window = options.getWindow();
  const ourContents = window && !window.isDestroyed() ? window.webContents : null;
  return isTrustedSender(event, { ourContents, devUrl: options.devUrl });
}

/** Registers a handler per call channel; returns the function that removes them. */
export function registerIpc(options: IpcOptions): () => void {
  for (const channel of CALL_CHANNELS) {
    ipcMain.handle(channel, async (event, arg: unknown) => {
      if (!trusted(event, options)) {
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
