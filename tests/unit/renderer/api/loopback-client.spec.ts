import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLoopbackClient } from '../../../../src/renderer/src/api/loopback-client';

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: unknown, sent: Sent[]): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
}

/** An EventSource stand-in that records its URL and lets the test emit frames. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, ((event: { data: string }) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createLoopbackClient', () => {
  it('posts each call to /api/<channel> with the bearer token and the argument as JSON', async () => {
    const sent: Sent[] = [];
    const api = createLoopbackClient({ baseUrl: 'http://127.0.0.1:9', token: 'tok', fetchImpl: fakeFetch({ ok: true, value: [] }, sent) });
    const result = await api.calls['recording:annotations']({ recordingId: 'r', annotator: 'atr', startSec: 0, endSec: 1 });
    expect(result).toEqual({ ok: true, value: [] });
    expect(sent[0]?.url).toBe('http://127.0.0.1:9/api/recording:annotations');
    expect(sent[0]?.init.method).toBe('POST');
    expect((sent[0]?.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(sent[0]?.init.body as string)).toEqual({ recordingId: 'r', annotator: 'atr', startSec: 0, endSec: 1 });
  });

  it('sends the page-data calls made together as one POST /api/batch and each other call alone', async () => {
    const sent: Sent[] = [];
    const api = createLoopbackClient({ token: 'tok', fetchImpl: fakeFetch({ ok: true, value: [{ ok: true, value: [] }, { ok: true, value: [] }] }, sent) });
    const [beats, noise] = await Promise.all([
      api.calls['review:beats']({ recordingId: 'r', startSec: 0, endSec: 30 }),
      api.calls['review:noise']({ recordingId: 'r', startSec: 0, endSec: 30 }),
      api.calls['review:status']({ recordingId: 'r' }),
    ]);
    expect(sent.map((s) => s.url).sort()).toEqual(['/api/batch', '/api/review:status']);
    const batch = sent.find((s) => s.url === '/api/batch');
    expect(JSON.parse(batch?.init.body as string)).toEqual([
      { channel: 'review:beats', arg: { recordingId: 'r', startSec: 0, endSec: 30 } },
      { channel: 'review:noise', arg: { recordingId: 'r', startSec: 0, endSec: 30 } },
    ]);
    expect([beats, noise]).toEqual([{ ok: true, value: [] }, { ok: true, value: [] }]);
  });

  it('sends no body for a call without argument', async () => {
    const sent: Sent[] = [];
    const api = createLoopbackClient({ token: 'tok', fetchImpl: fakeFetch({ ok: true, value: null }, sent) });
    await api.calls['app:info']();
    expect(sent[0]?.init.body).toBeUndefined();
  });

  it('sends no Authorization header but same-origin credentials when given no token (the cookie authenticates)', async () => {
    const sent: Sent[] = [];
    const api = createLoopbackClient({ fetchImpl: fakeFetch({ ok: true, value: [] }, sent) });
    await api.calls['library:recent']();
    expect((sent[0]?.init.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(sent[0]?.init.credentials).toBe('same-origin');
  });

  it('opens the event stream without a token in the URL when given none', () => {
    const api = createLoopbackClient({ eventSourceImpl: FakeEventSource as unknown as typeof EventSource });
    const off = api.on('task:progress', () => undefined);
    expect(FakeEventSource.last?.url).toBe('/api/events');
    off();
  });

  it('turns a network failure into a Result instead of rejecting', async () => {
    const api = createLoopbackClient({ token: 'tok', fetchImpl: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
    expect(await api.calls['app:info']()).toMatchObject({ ok: false, error: { code: 'ipc/not-available' } });
  });

  it('opens one event stream with the token, delivers payloads and closes after the last listener', () => {
    const api = createLoopbackClient({ token: 't k', eventSourceImpl: FakeEventSource as unknown as typeof EventSource });
    const seen: unknown[] = [];
    const off = api.on('task:progress', (p) => seen.push(p));
    const source = FakeEventSource.last as FakeEventSource;
    expect(source.url).toBe('/api/events?token=t%20k');
    source.emit('task:progress', '{"taskId":"a","label":"l","fraction":null,"message":"m"}');
    source.emit('task:progress', 'not json');
    expect(seen).toEqual([{ taskId: 'a', label: 'l', fraction: null, message: 'm' }]);
    off();
    expect(source.closed).toBe(true);
  });
});
