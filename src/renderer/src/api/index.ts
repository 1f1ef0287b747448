/**
 * The renderer's only door to the services. `getApi()` picks the transport once, at first
 * use: the Electron preload bridge when `window.api` exists, else the loopback HTTP client
 * (the same renderer served to a browser by `npm run serve`). Everything else in the
 * renderer talks to the returned `RendererApi` and never knows which one it got.
 */
import type { RendererApi } from '../../../shared/api';
import { createElectronBridge, hasElectronBridge } from './electron-bridge';
import { createLoopbackClient } from './loopback-client';

export type { RendererApi } from '../../../shared/api';

let api: RendererApi | null = null;

/** The transport for this window, created on first call and reused afterwards. */
export function getApi(): RendererApi {
  api ??= hasElectronBridge() ? createElectronBridge() : createLoopbackClient();
  return api;
}
