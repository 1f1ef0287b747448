/**
 * Serving the built renderer (out/renderer) to the browser: GET/HEAD of plain files only,
 * with their MIME type and the security headers. A URL path can never leave the folder:
 * it is decoded once, refused if it holds `..`, a backslash, a NUL or a malformed escape,
 * and the resolved real path (symlinks followed) must still lie inside the real root.
 * Directories are never listed; `/` serves index.html.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { SECURITY_HEADERS } from '../csp';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file path a URL path names inside `root`, or null when it is not a safe relative
 * path (the caller answers 404 either way, so a probe learns nothing).
 */
export function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes(':'))) return null;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/** The MIME type for a file name (application/octet-stream when unknown). */
export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Serves `urlPath` from `root`; answers 404 for anything that is not a file inside it. */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  root: string,
  urlPath: string,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const relative = safeRelativePath(urlPath);
  const file = relative === null ? null : await resolveFileInside(root, relative);
  if (file === null) {
    sendText(response, 404, 'Not found');
    return;
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeOf(file.path),
    'Content-Length': String(file.size),
    'Cache-Control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file.path).on('error', () => response.destroy()).pipe(response);
}

/**
 * The real path of `relative` under `root` if it is a regular file inside it, else null.
 * Shared with the Electron app protocol (src/main/electron/app-protocol.ts).
 */
export async function resolveFileInside(root: string, relative: string): Promise<{ path: string; size: number } | null> {
  try {
    const realRoot = await realpath(root);
    const path = await realpath(join(realRoot, relative));
    if (!path.startsWith(realRoot + sep)) return null;
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

/** A short plain-text answer with the security headers. */
export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(text);
}
