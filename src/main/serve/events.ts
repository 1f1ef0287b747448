/**
 * Server-Sent Events for the loopback transport: each authorised `GET /api/events` stays
 * open and receives every event as `event: <channel>` / `data: <json>`. A comment line
 * every 25 s keeps idle proxies and the browser from dropping the stream.
 */
import type { ServerResponse } from 'node:http';
import type { EventSink } from '../../shared/api';
import { SECURITY_HEADERS } from '../csp';

const KEEP_ALIVE_MS = 25_000;

export interface EventHub {
  /** Takes over `response` as an event stream until the client goes away. */
  attach(response: ServerResponse): void;
  /** Sends an event to every open stream. */
  readonly send: EventSink;
  /** Ends every stream (at shutdown). */
  closeAll(): void;
}

/** Creates a hub with no client. */
export function createEventHub(): EventHub {
  const clients = new Set<ServerResponse>();
  const timer = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  timer.unref();

  return {
    attach(response) {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      clients.add(response);
      response.on('close', () => clients.delete(response));
    },
    send(event, payload) {
      // JSON never contains a raw newline, so one `data:` line carries the whole payload.
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const client of clients) client.write(frame);
    },
    closeAll() {
      clearInterval(timer);
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
