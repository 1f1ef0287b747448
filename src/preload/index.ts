/**
 * The preload bridge of the sandboxed, context-isolated window. It exposes
 * `window.api: RendererApi` — one named function per call channel and an `on()` limited to
 * the event channels — and never `ipcRenderer` itself, so the renderer can reach nothing
 * but the declared channels.
 *
 * Sandboxed preloads can require only Electron's own modules, hence the zod-free channel
 * list from shared/channels (the build bundles it into index.cjs).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiCalls, RendererApi } from '../shared/api';
import { CALL_CHANNELS, isEventChannelName, type EventChannelName } from '../shared/channels';
import type { EventMap } from '../shared/ipc-contract';
import type { Result } from '../shared/result';

function buildCalls(): ApiCalls {
  const calls: Record<string, (arg?: unknown) => Promise<Result<unknown>>> = {};
  for (const channel of CALL_CHANNELS) {
    // Main answers every channel with a Result and never throws (see src/main/ipc/register.ts).
    calls[channel] = (arg?: unknown) => ipcRenderer.invoke(channel, arg) as Promise<Result<unknown>>;
  }
  return calls as unknown as ApiCalls;
}

function on<E extends EventChannelName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  if (!isEventChannelName(event)) {
    throw new Error(`Unknown event channel "${String(event)}".`);
  }
  // Wrap so the renderer never sees the IpcRendererEvent (it carries `sender`).
  const wrapped = (_event: IpcRendererEvent, payload: EventMap[E]): void => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
}

const api: RendererApi = { transport: 'electron', calls: buildCalls(), on };

contextBridge.exposeInMainWorld('api', api);
