/**
 * The type of `window.api` in the renderer: the `RendererApi` that src/preload/index.ts
 * builds from the channel list. Derived from the contract, never written out by hand.
 */
import type { RendererApi } from '../shared/api';

declare global {
  interface Window {
    /** Present only inside the Electron window (the preload bridge); absent in a browser. */
    readonly api?: RendererApi;
  }
}

export {};
