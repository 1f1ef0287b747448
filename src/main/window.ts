/**
 * The one application window, hardened: its webPreferences come from
 * `secureWebPreferences` (context isolation and the sandbox on, no Node, web security on,
 * no <webview>), it loads the app scheme (or the local dev server), and it is shown only
 * once it has painted (`ready-to-show`). Navigation, new windows and <webview> are refused
 * for every webContents by `setupContentsLockdown` (electron/security.ts).
 */
import { BrowserWindow } from 'electron';
import { pageUrlToLoad, secureWebPreferences } from './electron/hardening';

export interface MainWindowOptions {
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  preloadPath: string;
  /** Dev server URL (electron-vite's ELECTRON_RENDERER_URL), or undefined in a build. */
  devUrl: string | undefined;
}

/**
 * Creates the window and starts loading the renderer.
 * @throws Error when the dev URL is not a local http server (see `pageUrlToLoad`).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const url = pageUrlToLoad(options.devUrl);
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'RhythmAttention',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
