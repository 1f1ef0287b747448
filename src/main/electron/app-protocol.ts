/**
 * The app scheme (`rhythm-attention://app/…`) that serves the built renderer inside
 * Electron instead of file:// (Electron security checklist, item 18). The scheme is
 * registered as privileged before `ready`; the handler serves GET of plain files inside
 * out/renderer only, with the same MIME types, path rules and security headers as the
 * loopback server, and 404 for anything else.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../csp';
import { mimeTypeOf, resolveFileInside } from '../serve/static-files';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appRequestPath } from './hardening';

/** Declares the app scheme's privileges; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves `rendererDir` (out/renderer) under the app scheme on the default session. */
export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...SECURITY_HEADERS, Allow: 'GET, HEAD' } });
    }
    const relative = appRequestPath(request.url);
    const file = relative === null ? null : await resolveFileInside(rendererDir, relative);
    if (file === null) return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    const body = request.method === 'HEAD' ? null : await readFile(file.path);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(file.path), 'Cache-Control': 'no-cache' },
    });
  });
}
