/**
 * The renderer API over the loopback HTTP transport (`npm run serve`, src/main/serve/):
 * each call is `POST /api/<channel>` with the argument as JSON and the per-launch token as
 * a bearer credential; the server answers with the call's `Result` as JSON. Events arrive
 * over Server-Sent Events from `GET /api/events?token=…`.
 *
 * The token comes in the URL the server prints (`/#token=…`). On first load it moves to
 * sessionStorage and out of the visible URL, so it does not linger in the address bar or
 * get copied along with a link; a reload of the same tab still finds it.
 */
import type { ApiCalls, RendererApi } from '../../../shared/api';
import { CALL_CHANNELS, type CallChannelName, type EventChannelName } from '../../../shared/channels';
import type { EventMap } from '../../../shared/ipc-contract';
import { fail, type Result } from '../../../shared/result';

/** sessionStorage key holding the token for this tab. */
export const TOKEN_STORAGE_KEY = 'rhythm-attention.loopback-token';

/**
 * Takes the token from `#token=…` (removing it from the address bar, keeping any other
 * hash parameters) or, failing that, from sessionStorage. Returns null when neither has one.
 */
export function takeToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    params.delete('token');
    const rest = params.toString();
    const url = window.location.pathname + window.location.search + (rest ? `#${rest}` : '');
    window.history.replaceState(window.history.state, '', url);
    return fromHash;
  }
  return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/** Options for tests and for a client pointed at another origin. */
export interface LoopbackClientOptions {
  /** Origin and path prefix of the server; default: this page's origin. */
  baseUrl?: string;
  /** Token to use instead of the one in the URL or sessionStorage. */
  token?: string | null;
  fetchImpl?: typeof fetch;
  eventSourceImpl?: typeof EventSource;
}

/** Builds the loopback `RendererApi`. */
export function createLoopbackClient(options: LoopbackClientOptions = {}): RendererApi {
  const baseUrl = options.baseUrl ?? '';
  const token = options.token !== undefined ? options.token : takeToken();
  const doFetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const calls = {} as Record<CallChannelName, (arg?: unknown) => Promise<Result<unknown>>>;
  for (const channel of CALL_CHANNELS) {
    calls[channel] = (arg?: unknown) => postCall(doFetch, baseUrl, token, channel, arg);
  }
  const events = createEventHub(baseUrl, token, options.eventSourceImpl);
  return { transport: 'loopback', calls: calls as unknown as ApiCalls, on: events.on };
}

async function postCall(
  doFetch: typeof fetch,
  baseUrl: string,
  token: string | null,
  channel: CallChannelName,
  arg: unknown,
): Promise<Result<unknown>> {
  if (!token) {
    return fail({
      code: 'ipc/unauthorized',
      message: 'No access token: open the exact address that `npm run serve` printed (it ends in #token=…).',
    });
  }
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
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
 * the last listener leaves. The token goes in the query because EventSource cannot send
 * headers.
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
    if (!token) return;
    const Source = Impl ?? EventSource;
    source ??= new Source(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
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
