/**
 * The loopback transport: the same dispatcher as the Electron IPC, over HTTP on 127.0.0.1
 * only, for using the app from a browser (`npm run serve`). Every request, the renderer's
 * files included, must name this server in its Host header, come from no other origin or
 * site, and present the per-launch token (guards.ts); headers are capped at 16 KiB and
 * bodies at `maxBodyBytes`.
 *
 *   GET  /?token=…             the printed address: sets the token cookie, 303 to /
 *   GET  /…                    the built renderer (static-files.ts)
 *   POST /api/<channel>        JSON argument → the call's Result as JSON
 *   POST /api/batch            [{ channel, arg }, …] → Result of the calls' Results (batch.ts)
 *   GET  /api/events           Server-Sent Events (events.ts)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventSink } from '../../shared/api';
import { BATCH_ENDPOINT } from '../../shared/channels';
import { toErrorInfo } from '../../shared/errors';
import { fail, type Result } from '../../shared/result';
import { SECURITY_HEADERS } from '../csp';
import type { Dispatch } from '../ipc/dispatch';
import { dispatchBatch } from './batch';
import { MAX_BODY_BYTES, readJsonBody } from './body';
import { createEventHub } from './events';
import { isAllowedFetchSite, isAllowedHost, isAllowedOrigin, presentedToken, tokenCookie, tokensEqual } from './guards';
import { sendText, serveStatic } from './static-files';

export interface LoopbackOptions {
  dispatch: Dispatch;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  token: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest request body in bytes (default ~600 MB). */
  maxBodyBytes?: number;
}

export interface LoopbackServer {
  /** The address the socket is bound to, as the OS reports it (always 127.0.0.1). */
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The address to open, token included: `<origin>/?token=<token>`. */
  readonly url: string;
  /** Sends an event to every connected browser. */
  readonly events: EventSink;
  close(): Promise<void>;
}

/** The only address the server listens on: never a public interface. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Largest request head (request line + headers), bytes; past it Node answers 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Starts the server; resolves once it listens. */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const hub = createEventHub();
  let port = 0;
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request, response) => {
    handle(request, response, port, hub, options).catch((error: unknown) => {
      if (!response.headersSent) sendResult(response, 500, fail(toErrorInfo(error)));
      else response.destroy();
    });
  });
  await listen(server, options.port ?? 0);
  const address = server.address() as AddressInfo;
  port = address.port;
  const origin = `http://${LOOPBACK_HOST}:${port}`;
  return {
    host: address.address,
    port,
    origin,
    url: `${origin}/?token=${encodeURIComponent(options.token)}`,
    events: hub.send,
    close: () => {
      hub.closeAll();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  port: number,
  hub: ReturnType<typeof createEventHub>,
  options: LoopbackOptions,
): Promise<void> {
  if (!isAllowedHost(request, port)) {
    sendText(response, 421, 'Misdirected request: this server answers only to 127.0.0.1 and localhost.');
    return;
  }
  const rawUrl = request.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));
  const isApi = path.startsWith('/api/');
  if (!isAllowedOrigin(request, port) || !isAllowedFetchSite(request)) {
    const message = 'Requests from another site or origin are refused.';
    return isApi ? sendResult(response, 403, fail({ code: 'ipc/unauthorized', message })) : sendText(response, 403, message);
  }
  if (!tokensEqual(presentedToken(request, port, query) ?? '', options.token)) return unauthorized(response, isApi);

  if (path === '/api/events') {
    if (request.method !== 'GET') return sendText(response, 405, 'Method not allowed', { Allow: 'GET' });
    hub.attach(response);
    return;
  }
  if (isApi) {
    await handleCall(request, response, path.slice('/api/'.length), options);
    return;
  }
  if (query.has('token') && (path === '/' || path === '/index.html') && request.method === 'GET') {
    // The printed address: trade the token in the URL for the session cookie and drop it
    // from the address bar (and from what the page could leak). Always to '/': never an
    // open redirect.
    response.writeHead(303, { ...SECURITY_HEADERS, Location: '/', 'Set-Cookie': tokenCookie(port, options.token), 'Cache-Control': 'no-store' });
    response.end();
    return;
  }
  await serveStatic(request, response, options.rendererDir, path);
}

async function handleCall(
  request: IncomingMessage,
  response: ServerResponse,
  encodedChannel: string,
  options: LoopbackOptions,
): Promise<void> {
  if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed', { Allow: 'POST' });
  let channel: string;
  try {
    channel = decodeURIComponent(encodedChannel);
  } catch {
    channel = encodedChannel;
  }
  let arg: unknown;
  try {
    arg = await readJsonBody(request, options.maxBodyBytes ?? MAX_BODY_BYTES);
  } catch (error) {
    const info = toErrorInfo(error);
    return sendResult(response, info.code === 'file/too-large' ? 413 : 400, fail(info), true);
  }
  sendResult(response, 200, channel === BATCH_ENDPOINT ? await dispatchBatch(options.dispatch, arg) : await options.dispatch(channel, arg));
}

function unauthorized(response: ServerResponse, asResult: boolean): void {
  const message = 'Missing or wrong access token: open the exact address the server printed.';
  if (asResult) sendResult(response, 401, fail({ code: 'ipc/unauthorized', message }));
  else sendText(response, 401, message);
}

/** Answers with a Result as JSON; `closeAfter` drops the connection once sent (a body left unread). */
function sendResult(response: ServerResponse, status: number, result: Result<unknown>, closeAfter = false): void {
  const body = JSON.stringify(result);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...(closeAfter ? { Connection: 'close' } : {}),
  });
  response.end(body, () => {
    if (closeAfter) response.socket?.destroy();
  });
}
