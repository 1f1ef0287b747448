/**
 * The renderer's view of the services, derived from the contract. Both transports (the
 * Electron preload bridge and the loopback HTTP client) implement `RendererApi`, so the
 * renderer never knows which one it talks to.
 */
import type { CallChannel, CallRequest, CallResponse, EventChannel, EventMap } from './ipc-contract';
import type { Result } from './result';

/** Arguments of a call: none for calls whose schema is `undefined`. */
export type CallArgs<C extends CallChannel> = CallRequest<C> extends undefined ? [] : [CallRequest<C>];

/** One named function per call channel. */
export type ApiCalls = {
  [C in CallChannel]: (...args: CallArgs<C>) => Promise<Result<CallResponse<C>>>;
};

export interface RendererApi {
  readonly transport: 'electron' | 'loopback';
  readonly calls: ApiCalls;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventChannel>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/**
 * What a transport needs on the services side: one async function per channel taking the
 * validated argument. Handlers may throw; the transport turns throws into `Result`s.
 */
export type CallHandlers = {
  [C in CallChannel]: (arg: CallRequest<C>) => Promise<CallResponse<C>>;
};

/** How services send events; each transport supplies its own. */
export type EventSink = <E extends EventChannel>(event: E, payload: EventMap[E]) => void;
