/**
 * Session-wide hardening for the Electron app: the renderer's Content-Security-Policy as a
 * response header (on top of the page's <meta>, which is what file:// pages get), and every
 * permission request (camera, notifications, …) refused: the app needs none.
 */
import { session } from 'electron';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../csp';

/**
 * Installs the CSP header and the permission policy on the default session; `dev` (the
 * renderer comes from electron-vite's dev server) allows the inline styles Vite injects.
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
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}
