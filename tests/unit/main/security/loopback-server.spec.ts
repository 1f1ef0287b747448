/**
 * The loopback server's security rules, against the real server on an ephemeral port: bound
 * to 127.0.0.1 only, the token on every request (files, calls, event stream), the printed
 * address traded for an HttpOnly SameSite=Strict cookie, other origins and sites refused on
 * every kind of request, foreign Host headers refused (DNS rebinding), request heads and
 * bodies capped.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../../src/shared/result';
import { startLoopbackServer, type LoopbackServer } from '../../../../src/main/serve/server';
import { raw, type RawResponse } from '../serve/http-client';

const TOKEN = 'sec-token-abcdefghijklmnopqrstuvwxyz';

let dir: string;
let server: LoopbackServer;
const dispatched: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ra-security-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>RA</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const dispatch = async (channel: string) => {
    dispatched.push(channel);
    return ok({ channel });
  };
  server = await startLoopbackServer({ dispatch, rendererDir, token: TOKEN, port: 0, maxBodyBytes: 1024 });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const cookieName = (): string => `ra-token-${server.port}`;

/** One request of each kind the server answers, with extra headers. */
function everyKind(headers: Record<string, string> = {}, query = ''): Promise<RawResponse>[] {
  return [
    raw(server.port, { path: `/${query}`, headers }),
    raw(server.port, { path: `/index.html${query}`, headers }),
    raw(server.port, { method: 'HEAD', path: `/${query}`, headers }),
    raw(server.port, { path: `/assets/app.js${query}`, headers }),
    raw(server.port, { path: `/no-such-file${query}`, headers }),
    raw(server.port, { method: 'POST', path: `/api/app:info${query}`, headers }),
    raw(server.port, { method: 'OPTIONS', path: `/api/app:info${query}`, headers }),
    streamStatus(`/api/events${query}`, headers),
  ];
}

/** The status of a GET that may open an endless event stream: resolves at the response head. */
function streamStatus(path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
      req.destroy();
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

describe('startLoopbackServer: binding', () => {
  it('binds its socket to 127.0.0.1 and nothing else', () => {
    expect(server.host).toBe('127.0.0.1');
  });

  it('refuses connections on every non-loopback IPv4 address of this machine', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: server.port });
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).toBe('ECONNREFUSED');
    }
  });
});

describe('startLoopbackServer: the token on every request', () => {
  it('answers 401 to every kind of request without a token, before any call is dispatched', async () => {
    const before = dispatched.length;
    for (const response of await Promise.all(everyKind())) expect(response.status).toBe(401);
    expect(dispatched.length).toBe(before);
  });

  it('answers 401 to a wrong token in the header, the cookie or the query', async () => {
    const wrong = `${TOKEN}x`;
    for (const response of await Promise.all([
      ...everyKind({ Authorization: `Bearer ${wrong}` }),
      ...everyKind({ Cookie: `${cookieName()}=${wrong}` }),
      ...everyKind({}, `?token=${wrong}`),
      // The token of another port's cookie does not count.
      ...everyKind({ Cookie: `ra-token-${server.port + 1}=${TOKEN}` }),
    ])) {
      expect(response.status).toBe(401);
    }
  });

  it('trades the printed address for an HttpOnly SameSite=Strict cookie and a redirect to /', async () => {
    const printed = new URL(server.url);
    const response = await raw(server.port, { path: `${printed.pathname}${printed.search}` });
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/');
    const cookie = (response.headers['set-cookie'] as string[])[0] ?? '';
    expect(cookie.split('; ')).toEqual([`${cookieName()}=${TOKEN}`, 'Path=/', 'HttpOnly', 'SameSite=Strict']);
  });

  it('sets no cookie for a printed address with a wrong token', async () => {
    const response = await raw(server.port, { path: '/?token=guess' });
    expect(response.status).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('serves the page, its files, the calls and the event stream to the cookie', async () => {
    const statuses = (await Promise.all(everyKind({ Cookie: `other=1; ${cookieName()}=${TOKEN}` }))).map((r) => r.status);
    // page, index, HEAD, script, missing file, call, OPTIONS (no such method), events
    expect(statuses).toEqual([200, 200, 200, 200, 404, 200, 405, 200]);
  });
});

describe('startLoopbackServer: origins, sites and hosts', () => {
  const withToken = { Authorization: `Bearer ${TOKEN}` };

  it.each(['http://evil.example', 'null', `http://127.0.0.1:${1}`, 'https://127.0.0.1'])(
    'refuses every kind of request from Origin %s even with the token',
    async (origin) => {
      for (const response of await Promise.all(everyKind({ ...withToken, Origin: origin }))) expect(response.status).toBe(403);
    },
  );

  it('refuses cross-site and same-site requests (another port of 127.0.0.1 is same-site)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      for (const response of await Promise.all(everyKind({ ...withToken, 'Sec-Fetch-Site': site }))) expect(response.status).toBe(403);
    }
    const user = await raw(server.port, { path: '/', headers: { ...withToken, 'Sec-Fetch-Site': 'none' } });
    const own = await raw(server.port, { method: 'POST', path: '/api/app:info', headers: { ...withToken, 'Sec-Fetch-Site': 'same-origin', Origin: server.origin } });
    expect([user.status, own.status]).toEqual([200, 200]);
  });

  it.each(['rebind.example', 'rebind.example:PORT', '127.0.0.1', '127.0.0.1:1', '[::1]:PORT', '0.0.0.0:PORT', 'localhost.:PORT'])(
    'answers 421 to every kind of request with Host %s (DNS rebinding)',
    async (host) => {
      const headers = { ...withToken, Host: host.replace('PORT', String(server.port)) };
      for (const response of await Promise.all(everyKind(headers))) expect(response.status).toBe(421);
    },
  );
});

describe('startLoopbackServer: size limits', () => {
  it('answers 431 to a request head over 16 KiB', async () => {
    const response = await raw(server.port, { path: '/', headers: { Authorization: `Bearer ${TOKEN}`, 'X-Pad': 'x'.repeat(17 * 1024) } });
    expect(response.status).toBe(431);
  });

  it('answers 413 with file/too-large to a body over the limit, and keeps serving', async () => {
    const response = await raw(server.port, { method: 'POST', path: '/api/app:info', headers: { Authorization: `Bearer ${TOKEN}` }, body: 'x'.repeat(4096) });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'file/too-large' } });
    expect((await raw(server.port, { method: 'POST', path: '/api/app:info', headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});
