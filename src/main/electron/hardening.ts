/**
 * The Electron hardening as plain data and pure decisions, so unit tests can check every
 * item of Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security)
 * without the Electron binary. The modules that call Electron (window.ts, security.ts,
 * app-protocol.ts) only apply what this file decides. Only types come from 'electron' here:
 * importing it at run time outside Electron throws.
 */
import type { CustomScheme, WebPreferences } from 'electron';
import { safeRelativePath } from '../serve/static-files';

/**
 * The scheme the built renderer is served under (checklist item 18: a custom protocol
 * instead of file://). A file:// page gets file-system-wide privileges and an opaque
 * origin; `rhythm-attention://app` is a real origin that CSP 'self' and the IPC sender
 * check can name, and its handler serves nothing outside out/renderer.
 */
export const APP_SCHEME = 'rhythm-attention';
/** The one host of the scheme; any other host is refused by the protocol handler. */
export const APP_HOST = 'app';
/** Origin of the built renderer inside Electron. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads in a build. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges of the app scheme, registered before `ready`. `standard` gives it an origin
 * and relative URLs, `secure` makes it a secure context (like https), `supportFetchAPI`
 * lets ES module scripts load. Deliberately absent: `bypassCSP`, `corsEnabled` (other
 * origins could read our files), `allowServiceWorkers`, `stream`, `codeCache`.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * The webPreferences of every window (checklist 2, 3, 4, 6, 8, 9, 10, 12): context
 * isolation and the sandbox on, no Node anywhere in the renderer, web security on, no
 * insecure content, no experimental or Blink features (`enableBlinkFeatures` is never
 * set), no <webview> tag.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * What a page may open with `window.open` or a target=_blank link: nothing (checklist 14).
 * The renderer has no external links, so nothing goes to `shell.openExternal` either
 * (checklist 15): an attacker-chosen URL can never reach the OS's URL handlers.
 */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Whether a navigation or redirect of the app's page may proceed (checklist 13): never. The
 * app is one page that changes views in place; a navigation can only be a mistake or an
 * attack (a link or `location =` to remote content, which would keep the preload bridge).
 */
export function mayNavigate(_targetUrl: string): false {
  return false;
}

/** Every permission request (camera, notifications, geolocation, …) is refused: none is used (checklist 5). */
export function permissionRequestDecision(_permission: string): false {
  return false;
}

/** Every permission check and device (HID, serial, USB) access is refused too. */
export function permissionCheckDecision(_permission: string): false {
  return false;
}

/**
 * Whether `url` is the app's own page: the dev server's origin under `electron-vite dev`,
 * otherwise the app scheme's origin. Used to trust IPC senders (checklist 17).
 */
export function isAppPageUrl(url: string, devUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devUrl !== undefined) {
    try {
      return parsed.origin === new URL(devUrl).origin && parsed.protocol === 'http:';
    } catch {
      return false;
    }
  }
  // new URL() gives custom standard schemes an opaque origin ('null') in Node, so compare parts.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * The URL the window loads: the dev server in dev, else the app scheme. A dev URL that is
 * not plain http on a loopback host is refused, so a stray ELECTRON_RENDERER_URL cannot make
 * the window load remote content (checklist 1).
 * @throws Error naming the refused URL.
 */
export function pageUrlToLoad(devUrl: string | undefined): string {
  if (devUrl === undefined) return APP_INDEX_URL;
  const parsed = new URL(devUrl);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'http:' || !loopback) {
    throw new Error(`Refusing to load ${devUrl}: the dev renderer must come from a local http server.`);
  }
  return devUrl;
}

/**
 * The file a request to the app scheme names, relative to out/renderer, or null when the
 * URL is not `rhythm-attention://app/<safe path>` (wrong scheme or host, `..`, NUL,
 * backslash, malformed escape: the same rules as the loopback server's static files).
 */
export function appRequestPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return safeRelativePath(parsed.pathname);
}
