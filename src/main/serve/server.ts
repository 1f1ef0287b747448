/**
 * The loopback transport: the same dispatcher as the Electron IPC, over HTTP on 127.0.0.1
 * only, for using the app from a browser (`npm run serve`). Every request must name this
 * server in its Host header; API calls need the per-launch token.
 *
 *   GET  /…                    the built renderer (static-files.ts)
 *   POST /api/<channel>        JSON argument → the call's Result as JSON
 *   GET  /api/events?token=…   Server-Sent Events (events.ts)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventSink } from '../../shared/api';
import { toErrorInfo } from '../../shared/errors';
import { fail, type Result } from '../../shared/result';
import { SECURITY_HEADERS } from '../csp';
import type { Dispatch } from '../ipc/dispatch';
import { MAX_BODY_BYTES, readJsonBody } from './body';
import { createEventHub } from './events';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokensEqual } from './guards';
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
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The address to open, token included: `<origin>/#token=<token>`. */
  readonly url: string;
  /** Sends an event to every connected browser. */
  readonly events: EventSink;
  close(): Promise<void>;
}

/** The only address the server listens on: never a public interface. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Starts the server; resolves once it listens. */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const hub = createEventHub();
  let port = 0;
  const server = createServer((request, response) => {
    handle(request, response, port, hub, options).catch((error: unknown) => {
      if (!response.headersSent) sendResult(response, 500, fail(toErrorInfo(error)));
      else response.destroy();
    });
  });
  await listen(server, options.port ?? 0);
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK_HOST}:${port}`;
  return {
    port,
    origin,
    url: `${origin}/#token=${options.token}`,
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

  if (path === '/api/events') {
    if (request.method !== 'GET') return sendText(response, 405, 'Method not allowed', { Allow: 'GET' });
    if (!tokensEqual(query.get('token') ?? '', options.token)) return unauthorized(response);
    hub.attach(response);
    return;
  }
  if (path.startsWith('/api/')) {
    await handleCall(request, response, path.slice('/api/'.length), port, options);
    return;
  }
  await serveStatic(request, response, options.rendererDir, path);
}

async function handleCall(
  request: IncomingMessage,
  response: ServerResponse,
  encodedChannel: string,
  port: number,
  options: LoopbackOptions,
): Promise<void> {
  if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed', { Allow: 'POST' });
  if (!isAllowedOrigin(request, port)) {
    return sendResult(response, 403, fail({ code: 'ipc/unauthorized', message: 'Calls from another origin are refused.' }));
  }
  if (!tokensEqual(bearerToken(request) ?? '', options.token)) return unauthorized(response);
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
  sendResult(response, 200, await options.dispatch(channel, arg));
}

function unauthorized(response: ServerResponse): void {
  sendResult(
    response,
    401,
    fail({ code: 'ipc/unauthorized', message: 'Missing or wrong access token: open the exact address the server printed.' }),
  );
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
