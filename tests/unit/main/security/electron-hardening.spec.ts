/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * checked without the Electron binary: the pure decisions of src/main/electron/hardening.ts
 * and src/main/ipc/sender.ts, plus a scan of the sources for the settings and APIs the
 * checklist forbids, so a later edit cannot quietly switch one back on.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  appRequestPath,
  isAppPageUrl,
  mayNavigate,
  pageUrlToLoad,
  permissionCheckDecision,
  permissionRequestDecision,
  secureWebPreferences,
  windowOpenDecision,
} from '../../../../src/main/electron/hardening';
import { isTrustedSender } from '../../../../src/main/ipc/sender';

const REPO = resolve(__dirname, '../../../..');
const DEV = 'http://localhost:5173/';

describe('secureWebPreferences', () => {
  it('turns on isolation, the sandbox and web security and turns off Node, insecure content, experiments and <webview>', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('partition');
  });
});

describe('windowOpenDecision', () => {
  it('denies every new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});

describe('mayNavigate', () => {
  it('refuses every navigation, to remote, local or our own URLs alike', () => {
    fc.assert(
      fc.property(fc.string(), (url) => {
        expect(mayNavigate(url)).toBe(false);
      }),
    );
    for (const url of [APP_INDEX_URL, 'file:///etc/passwd', 'javascript:alert(1)', DEV]) expect(mayNavigate(url)).toBe(false);
  });
});

describe('permissionRequestDecision', () => {
  it('refuses every permission, known or not', () => {
    const names = ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'usb'];
    for (const name of names) expect([permissionRequestDecision(name), permissionCheckDecision(name)]).toEqual([false, false]);
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(permissionRequestDecision(name) || permissionCheckDecision(name)).toBe(false);
      }),
    );
  });
});

describe('isAppPageUrl', () => {
  it('trusts only the app scheme in a build', () => {
    expect(isAppPageUrl(APP_INDEX_URL, undefined)).toBe(true);
    expect(isAppPageUrl(`${APP_ORIGIN}/index.html#review`, undefined)).toBe(true);
    for (const url of ['file:///app/out/renderer/index.html', 'https://evil.example/', 'rhythm-attention://evil/index.html', 'rhythm-attention://x@app/', DEV, 'about:blank', 'not a url']) {
      expect(isAppPageUrl(url, undefined), url).toBe(false);
    }
  });

  it('trusts only the dev server’s origin in dev', () => {
    expect(isAppPageUrl('http://localhost:5173/index.html', DEV)).toBe(true);
    for (const url of ['http://localhost:5174/', 'http://evil.example:5173/', APP_INDEX_URL]) expect(isAppPageUrl(url, DEV), url).toBe(false);
  });
});

describe('pageUrlToLoad', () => {
  it('loads the app scheme in a build and a local http dev server in dev', () => {
    expect(pageUrlToLoad(undefined)).toBe('rhythm-attention://app/index.html');
    expect(pageUrlToLoad(DEV)).toBe(DEV);
  });

  it.each(['https://localhost:5173/', 'http://evil.example:5173/', 'file://localhost/index.html'])('refuses %s as a dev URL (no remote content)', (url) => {
    expect(() => pageUrlToLoad(url)).toThrow(/local http server/);
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes the scheme standard and secure without bypassing CSP or opening it to other origins', () => {
    expect(APP_SCHEME_PRIVILEGES.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});

describe('appRequestPath', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(appRequestPath(`${APP_ORIGIN}/`)).toBe('index.html');
    expect(appRequestPath(`${APP_ORIGIN}/assets/index-abc.js?v=1`)).toBe('assets/index-abc.js');
  });

  it.each([
    'rhythm-attention://other/index.html',
    'file:///etc/passwd',
    `${APP_ORIGIN}/..%2f..%2fmain%2findex.js`,
    `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fpreload/index.cjs`,
    `${APP_ORIGIN}/%5c..%5csecret`,
    `${APP_ORIGIN}/a%00.js`,
    `${APP_ORIGIN}/%ZZ`,
  ])('refuses %s', (url) => {
    expect(appRequestPath(url)).toBeNull();
  });

  it('never yields a path that leaves the folder, whatever the URL', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', '%2e%2e', '%2f', '%5c', 'a', '%00', '/', '%252e'), { maxLength: 8 }), (parts) => {
        const path = appRequestPath(`${APP_ORIGIN}/${parts.join('')}`);
        if (path !== null) expect(path.split('/')).not.toContain('..');
      }),
    );
  });
});

describe('isTrustedSender', () => {
  const ours = { id: 1 };
  const top = (url: string) => ({ url, parent: null });

  it('accepts our window’s top frame showing our page', () => {
    expect(isTrustedSender({ sender: ours, senderFrame: top(APP_INDEX_URL) }, { ourContents: ours, devUrl: undefined })).toBe(true);
  });

  it('refuses another webContents, a subframe, a missing frame, a foreign page or no window', () => {
    const options = { ourContents: ours, devUrl: undefined };
    expect(isTrustedSender({ sender: { id: 2 }, senderFrame: top(APP_INDEX_URL) }, options)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: { url: APP_INDEX_URL, parent: {} } }, options)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: null }, options)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: top('https://evil.example/') }, options)).toBe(false);
    expect(isTrustedSender({ sender: null, senderFrame: top(APP_INDEX_URL) }, { ourContents: null, devUrl: undefined })).toBe(false);
  });
});

/** Every .ts/.vue file under `dir`. */
async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** Source text without comments (they may name what they forbid); `://` is not a comment. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('the sources', () => {
  it('contain none of the settings and APIs the checklist forbids', async () => {
    const forbidden: [RegExp, string][] = [
      [/nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/, 'Node integration'],
      [/contextIsolation\s*:\s*false/, 'context isolation off'],
      [/sandbox\s*:\s*false/, 'sandbox off'],
      [/webSecurity\s*:\s*false/, 'web security off'],
      [/allowRunningInsecureContent\s*:\s*true/, 'insecure content'],
      [/experimentalFeatures\s*:\s*true/, 'experimental features'],
      [/enableBlinkFeatures\s*:/, 'Blink features'],
      [/webviewTag\s*:\s*true|<webview/, '<webview>'],
      [/@electron\/remote|enableRemoteModule/, 'the remote module'],
      [/openExternal\s*\(/, 'shell.openExternal'],
      [/\.loadFile\s*\(|loadURL\s*\(\s*['"`]file:/, 'file:// pages'],
      [/bypassCSP|corsEnabled\s*:\s*true/, 'a privileged scheme that bypasses CSP or CORS'],
      [/exposeInMainWorld\s*\([^)]*ipcRenderer/, 'raw ipcRenderer exposed'],
    ];
    const found: string[] = [];
    for (const file of await sources(join(REPO, 'src'))) {
      const text = withoutComments(await readFile(file, 'utf8'));
      for (const [pattern, what] of forbidden) if (pattern.test(text)) found.push(`${file.slice(REPO.length + 1)}: ${what}`);
    }
    expect(found).toEqual([]);
  });

  it('set up the sandbox, the app scheme and the lockdown before the app is ready', async () => {
    const index = await readFile(join(REPO, 'src/main/index.ts'), 'utf8');
    const early = index.slice(0, index.indexOf('app.whenReady()'));
    for (const call of ['app.enableSandbox()', 'registerAppScheme()', 'setupContentsLockdown()', 'setupEarlySecurity();']) expect(early).toContain(call);
    expect(index).toContain('handleAppScheme(rendererDir)');
    expect(index).toContain('setupSessionSecurity(');
  });
});
