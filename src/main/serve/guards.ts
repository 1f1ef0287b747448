/**
 * Request checks of the loopback server: the bearer token (compared in constant time), the
 * Host header (DNS-rebinding defence: a page on evil.example that rebinds its name to
 * 127.0.0.1 still sends `Host: evil.example`), and the Origin header of API calls.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh per-launch token: 32 random bytes, URL-safe base64. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time equality of two secrets. Both are hashed first so that the comparison takes
 * the same time whatever their lengths (timingSafeEqual needs equal lengths).
 */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The hosts the server answers to: its own loopback address and `localhost`, with its port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Whether the request's Host header names this server. */
export function isAllowedHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).has(host);
}

/**
 * Whether the request's Origin (sent by browsers on POST and on cross-origin requests) is
 * this server's own; a request without one (curl, Node fetch) passes, since the token
 * still guards it.
 */
export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
