/**
 * The renderer API over the loopback HTTP transport (`npm run serve`, src/main/serve/):
 * each call is `POST /api/<channel>` with the argument as JSON; the server answers with the
 * call's `Result` as JSON. Events arrive over Server-Sent Events from `GET /api/events`.
 *
 * Authentication: the address the server prints (`/?token=…`) makes it set an HttpOnly,
 * SameSite=Strict session cookie and redirect to `/`, so in the browser every request of
 * the page (its files, calls and event stream) carries the token without script ever
 * seeing it. A client given `token` (tests, other programs) sends it as a bearer header.
 */
import type { ApiCalls, RendererApi } from '../../../shared/api';
import { CALL_CHANNELS, type CallChannelName, type EventChannelName } from '../../../shared/channels';
import type { EventMap } from '../../../shared/ipc-contract';
import { fail, type Result } from '../../../shared/result';
import { BATCHED_CHANNELS, createBatcher } from './loopback-batch';

/** Options for tests and for a client pointed at another origin. */
export interface LoopbackClientOptions {
  /** Origin and path prefix of the server; default: this page's origin. */
  baseUrl?: string;
  /** Token to send as a bearer header; default: none, the browser's session cookie authenticates. */
  token?: string;
  fetchImpl?: typeof fetch;
  eventSourceImpl?: typeof EventSource;
}

/** Builds the loopback `RendererApi`. */
export function createLoopbackClient(options: LoopbackClientOptions = {}): RendererApi {
  const baseUrl = options.baseUrl ?? '';
  const token = options.token ?? null;
  const doFetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const calls = {} as Record<CallChannelName, (arg?: unknown) => Promise<Result<unknown>>>;
  const post = (channel: string, arg: unknown) => postCall(doFetch, baseUrl, token, channel, arg);
  const batched = createBatcher(post);
  for (const channel of CALL_CHANNELS) {
    calls[channel] = BATCHED_CHANNELS.has(channel) ? (arg?: unknown) => batched(channel, arg) : (arg?: unknown) => post(channel, arg);
  }
  const events = createEventHub(baseUrl, token, options.eventSourceImpl);
  return { transport: 'loopback', calls: calls as unknown as ApiCalls, on: events.on };
}

async function postCall(
  doFetch: typeof fetch,
  baseUrl: string,
  token: string | null,
  channel: string,
  arg: unknown,
): Promise<Result<unknown>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/${channel}`, {
      method: 'POST',
      headers,
      // The session cookie goes only to our own origin.
      credentials: 'same-origin',
      // No body means "no argument" (JSON has no `undefined`).
      body: arg === undefined ? undefined : JSON.stringify(arg),
    });
  } catch (error) {
    return fail({ code: 'ipc/not-available', message: `The RhythmAttention server did not answer: ${String(error)}` });
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return fail({ code: 'internal', message: `The server sent an unreadable answer (HTTP ${response.status}) to ${channel}.` });
  }
}

type Listener = (payload: unknown) => void;

/**
 * One EventSource for the whole window, opened at the first subscription and closed when
 * the last listener leaves. A given token goes in the query because EventSource cannot
 * send headers; in the browser the session cookie authenticates the stream.
 */
function createEventHub(baseUrl: string, token: string | null, Impl?: typeof EventSource) {
  const listeners = new Map<EventChannelName, Set<Listener>>();
  let source: EventSource | null = null;

  function dispatch(event: EventChannelName, message: MessageEvent<string>): void {
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return; // A malformed frame is dropped rather than breaking every listener.
    }
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  function ensureSubscribed(event: EventChannelName): void {
    const Source = Impl ?? EventSource;
    source ??= new Source(`${baseUrl}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    source.addEventListener(event, (message) => dispatch(event, message as MessageEvent<string>));
  }

  function on<E extends EventChannelName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      ensureSubscribed(event);
    }
    const entry = listener as Listener;
    set.add(entry);
    return () => {
      set.delete(entry);
      if ([...listeners.values()].every((s) => s.size === 0)) {
        source?.close();
        source = null;
        listeners.clear();
      }
    };
  }

  return { on };
}
