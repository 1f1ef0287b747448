/**
 * The one application window, hardened: context isolation and the sandbox on, no Node in
 * the renderer, web security on, no `window.open`, no navigation away from the app, no
 * <webview>, and shown only once it has painted (`ready-to-show`).
 */
import { BrowserWindow, shell } from 'electron';

export interface MainWindowOptions {
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  preloadPath: string;
  /** Dev server URL (electron-vite's ELECTRON_RENDERER_URL), or undefined in a build. */
  devUrl: string | undefined;
  /** Absolute path of the built renderer page (out/renderer/index.html). */
  indexHtml: string;
}

/** Creates the window and starts loading the renderer. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'RhythmAttention',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  lockDown(window);
  if (options.devUrl) void window.loadURL(options.devUrl);
  else void window.loadFile(options.indexHtml);
  return window;
}

/**
 * The page may open nothing and go nowhere: new windows are denied (an https link opens in
 * the user's browser instead), navigation and redirects are cancelled, and <webview>
 * cannot attach.
 */
function lockDown(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpsUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
