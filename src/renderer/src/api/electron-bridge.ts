/**
 * The Electron side of the renderer API: the preload script (src/preload/index.ts) has
 * already built a `RendererApi` from the channel list and exposed it as `window.api`, so
 * this module only finds it.
 */
import type { RendererApi } from '../../../shared/api';

/** Whether the preload bridge is present (i.e. we run inside the Electron window). */
export function hasElectronBridge(): boolean {
  return typeof window !== 'undefined' && typeof window.api === 'object' && window.api !== null;
}

/**
 * The bridge exposed by the preload.
 * @throws Error when called outside Electron (check `hasElectronBridge()` first).
 */
export function createElectronBridge(): RendererApi {
  const api = typeof window === 'undefined' ? undefined : window.api;
  if (!api) throw new Error('window.api is missing: the Electron preload bridge is not loaded.');
  return api;
}
