/**
 * Request checks of the loopback server, applied to every request: the Host header
 * (DNS-rebinding defence: a page on evil.example that rebinds its name to 127.0.0.1 still
 * sends `Host: evil.example`), the Origin and Sec-Fetch-Site headers (no other site, not
 * even another port of 127.0.0.1, may call in), and the per-launch token, compared in
 * constant time, from a bearer header, the session cookie or a `token` query parameter.
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
 * this server's own; a request without one (curl, Node fetch, a same-origin GET) passes,
 * since the token still guards it.
 */
export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/**
 * Whether the browser says the request comes from our own origin or from the user (typing
 * or pasting the printed address: `none`). `same-site` is refused too: sites ignore ports,
 * so any other server on 127.0.0.1 is "same-site". Non-browser clients send no header.
 */
export function isAllowedFetchSite(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * Name of the session cookie. Cookies are shared by every port of a host, so the port is
 * part of the name: two servers on 127.0.0.1 do not overwrite each other's.
 */
export function tokenCookieName(port: number): string {
  return `ra-token-${port}`;
}

/**
 * The Set-Cookie value that lets the browser tab authenticate its page, script and API
 * requests after opening the printed address: HttpOnly (page scripts cannot read it),
 * SameSite=Strict (no other site's request carries it), no expiry (gone with the browser
 * session, and the token changes at every launch anyway).
 */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The value of cookie `name` in the Cookie header, or null. */
export function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/**
 * The token a request presents: the bearer header (API clients), else the session cookie
 * (the browser tab), else the `token` query parameter (the printed address, and
 * EventSource, which cannot send headers). Null when it presents none.
 */
export function presentedToken(request: IncomingMessage, port: number, query: URLSearchParams): string | null {
  return bearerToken(request) ?? cookieValue(request, tokenCookieName(port)) ?? query.get('token');
}
