/**
 * Session- and app-wide hardening, applied from src/main/index.ts; the decisions themselves
 * are the pure functions of hardening.ts. Covers Electron's security checklist items 5
 * (permissions), 7 (CSP header), 12 (<webview>), 13 (navigation) and 14 (new windows) for
 * every webContents the app ever creates, not only the main window.
 */
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../csp';
import { mayNavigate, permissionCheckDecision, permissionRequestDecision, windowOpenDecision } from './hardening';

/**
 * Installs the CSP header and the permission policy on the default session; `dev` (the
 * renderer comes from electron-vite's dev server) allows the inline styles Vite injects.
 * The app scheme's responses carry the header already; this covers the dev server too.
 */
export function setupSessionSecurity(dev: boolean): void {
  const ses = session.defaultSession;
  const policy = dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionRequestDecision(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionCheckDecision(permission));
  ses.setDevicePermissionHandler((details) => permissionCheckDecision(details.deviceType));
}

/**
 * Locks down every webContents as it is created: no new windows, no navigation or
 * redirect of any frame, no <webview> attached.
 */
export function setupContentsLockdown(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => windowOpenDecision());
  contents.on('will-navigate', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
