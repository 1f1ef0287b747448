import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, devPolicy, PAGE_CONTENT_SECURITY_POLICY } from '../../../src/main/csp';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the policy of the <meta> tag in src/renderer/index.html, plus frame-ancestors', async () => {
    const html = await readFile(resolve(__dirname, '../../../src/renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta?.[1]).toBe(PAGE_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${PAGE_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('allows no inline or remote script and no plugins', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });

  it('relaxes only styles for the dev server', () => {
    expect(DEV_CONTENT_SECURITY_POLICY).not.toBe(CONTENT_SECURITY_POLICY);
    expect(DEV_CONTENT_SECURITY_POLICY.replace(" 'unsafe-inline'", '')).toBe(CONTENT_SECURITY_POLICY);
    expect(devPolicy(PAGE_CONTENT_SECURITY_POLICY)).toContain("style-src 'self' 'unsafe-inline'");
  });
});
