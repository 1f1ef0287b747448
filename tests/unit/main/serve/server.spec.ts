import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingInfo, SignalWindow } from '../../../../src/shared/domain';
import { CONTENT_SECURITY_POLICY } from '../../../../src/main/csp';
import { createDispatcher } from '../../../../src/main/ipc/dispatch';
import { startLoopbackServer, type LoopbackServer } from '../../../../src/main/serve/server';
import { createServices, type Services } from '../../../../src/main/services';
import { openRecord } from '../../../../src/main/wfdb';
import { firstEvent, raw } from './http-client';

const REPO = resolve(__dirname, '../../../..');
const TOKEN = 'test-token-0123456789';
const SECRET = 'secret-outside-the-renderer';

let dir: string;
let services: Services;
let server: LoopbackServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ra-serve-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>RA</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // Files beside the served folder that no URL may reach.
  await writeFile(join(dir, 'package.json'), SECRET);
  await writeFile(join(dir, 'secret.txt'), SECRET);
  services = createServices({ dataDir: join(dir, 'data'), resourcesDir: join(REPO, 'resources'), transport: 'loopback', version: '0.0.0-test' });
  server = await startLoopbackServer({ dispatch: createDispatcher(services.handlers), rendererDir, token: TOKEN, port: 0, maxBodyBytes: 4096 });
});

afterAll(async () => {
  await server?.close();
  await services?.close();
  await rm(dir, { recursive: true, force: true });
});

const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
/** The renderer's files need the token too (here as a bearer; a browser sends the cookie). */
const pageAuth = { Authorization: `Bearer ${TOKEN}` };

async function call<T>(channel: string, arg?: unknown): Promise<{ status: number; body: { ok: boolean; value?: T; error?: { code: string; message: string } } }> {
  const response = await raw(server.port, { method: 'POST', path: `/api/${channel}`, headers: auth, body: arg === undefined ? undefined : JSON.stringify(arg) });
  return { status: response.status, body: JSON.parse(response.body) };
}

describe('startLoopbackServer', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token in the query', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('answers 401 to an API call without a token or with a wrong one', async () => {
    const none = await raw(server.port, { method: 'POST', path: '/api/app:info' });
    const wrong = await raw(server.port, { method: 'POST', path: '/api/app:info', headers: { Authorization: `Bearer ${TOKEN}x` } });
    const prefix = await raw(server.port, { method: 'POST', path: '/api/app:info', headers: { Authorization: `Bearer ${TOKEN.slice(0, -1)}` } });
    for (const response of [none, wrong, prefix]) {
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'ipc/unauthorized' } });
    }
  });

  it('answers a call with the right token with the dispatcher’s Result', async () => {
    const { status, body } = await call('app:info');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, value: { name: 'RhythmAttention', version: '0.0.0-test', transport: 'loopback', hasNativeDialog: false } });
  });

  it('reports unknown channels and invalid arguments as Results', async () => {
    expect((await call('fs:read', {})).body.error?.code).toBe('ipc/unknown-channel');
    expect((await call('recording:open', { path: 3 })).body.error?.code).toBe('ipc/invalid-argument');
    const notJson = await raw(server.port, { method: 'POST', path: '/api/app:info', headers: auth, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('answers a batch with each call’s Result in order, each checked as if sent alone', async () => {
    const { status, body } = await call<{ ok: boolean; value?: unknown; error?: { code: string } }[]>('batch', [
      { channel: 'app:info' },
      { channel: 'fs:read', arg: {} },
      { channel: 'recording:open', arg: { path: 3 } },
    ]);
    expect(status).toBe(200);
    expect(body.value?.[0]).toMatchObject({ ok: true, value: { name: 'RhythmAttention' } });
    expect(body.value?.slice(1).map((r) => r.error?.code)).toEqual(['ipc/unknown-channel', 'ipc/invalid-argument']);
  });

  it('refuses a batch that is not a list of 1 to 16 calls', async () => {
    for (const bad of [[], {}, [{ arg: 1 }], Array.from({ length: 17 }, () => ({ channel: 'app:info' }))]) {
      expect((await call('batch', bad)).body.error?.code).toBe('ipc/invalid-argument');
    }
  });

  it('refuses a Host header other than 127.0.0.1 or localhost with its port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const page = await raw(server.port, { path: '/', headers: { Host: host } });
      const api = await raw(server.port, { method: 'POST', path: '/api/app:info', headers: { ...auth, Host: host } });
      expect([page.status, api.status]).toEqual([421, 421]);
    }
    expect((await raw(server.port, { path: '/', headers: { ...pageAuth, Host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses an API call from another origin even with the token', async () => {
    const response = await raw(server.port, { method: 'POST', path: '/api/app:info', headers: { ...auth, Origin: 'http://evil.example' } });
    expect(response.status).toBe(403);
  });

  it('serves the renderer with its MIME type and the Content-Security-Policy header', async () => {
    const page = await raw(server.port, { path: '/', headers: pageAuth });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await raw(server.port, { path: '/assets/app.js', headers: pageAuth });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%2fsecret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/assets/..%5C..%5Csecret.txt',
    '/assets/../../secret.txt',
    '/%252e%252e/secret.txt',
    '/..%00/secret.txt',
    '/%ZZ',
  ])('refuses the traversal %s', async (path) => {
    const response = await raw(server.port, { path, headers: pageAuth });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(SECRET);
  });

  it('lists no directory', async () => {
    expect((await raw(server.port, { path: '/assets/', headers: pageAuth })).status).toBe(404);
    expect((await raw(server.port, { path: '/assets', headers: pageAuth })).status).toBe(404);
  });

  it('refuses a body over the limit with file/too-large, streamed or declared', async () => {
    const body = JSON.stringify({ path: 'x'.repeat(10_000) });
    const streamed = await raw(server.port, { method: 'POST', path: '/api/recording:open', headers: auth, body });
    const declared = await raw(server.port, {
      method: 'POST',
      path: '/api/recording:open',
      headers: { ...auth, 'Content-Length': String(Buffer.byteLength(body)) },
      body,
    });
    for (const response of [streamed, declared]) {
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'file/too-large' } });
    }
    expect((await call('app:info')).status).toBe(200); // the server is still fine
  });

  it('opens a sample record and returns the window the WFDB library reads directly', async () => {
    const headerPath = join(REPO, 'resources', 'samples', '100.hea');
    const opened = await call<RecordingInfo>('recording:open', { path: headerPath });
    expect(opened.body.ok).toBe(true);
    const info = opened.body.value as RecordingInfo;
    expect(info).toMatchObject({ recordName: '100', frameRateHz: 360, frameCount: 650000 });
    expect(info.annotators).toContainEqual({ name: 'atr', count: 2274 });

    const { body } = await call<SignalWindow>('recording:window', { recordingId: info.id, startSec: 10, durationSec: 2.5 });
    const window = body.value as SignalWindow;
    expect([window.startFrame, window.endFrame]).toEqual([3600, 4500]);
    const record = await openRecord(headerPath);
    try {
      const direct = await record.readPhysical(3600, 4500);
      expect(window.signals).toHaveLength(2);
      for (const [i, signal] of window.signals.entries()) {
        expect(signal.values).toHaveLength(900);
        expect(signal.values).toEqual(Array.from(direct[i] as Float64Array));
      }
    } finally {
      await record.close();
    }
  });

  it('authorises the event stream only with the token', async () => {
    expect((await firstEvent(server.port, '/api/events', () => undefined)).status).toBe(401);
    expect((await firstEvent(server.port, '/api/events?token=nope', () => undefined)).status).toBe(401);
    const payload = { taskId: 't1', label: 'test', fraction: 0.5, message: 'half' };
    const event = await firstEvent(server.port, `/api/events?token=${TOKEN}`, () => server.events('task:progress', payload));
    expect(event.status).toBe(200);
    expect(event.frame).toBe(`event: task:progress\ndata: ${JSON.stringify(payload)}\n\n`);
  });
});
