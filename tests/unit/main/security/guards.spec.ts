import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cookieValue,
  createToken,
  isAllowedFetchSite,
  presentedToken,
  tokenCookie,
  tokensEqual,
} from '../../../../src/main/serve/guards';

/** A request carrying only `headers` (the guards read nothing else). */
const requestWith = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('tokensEqual', () => {
  it('is true exactly when the strings are equal, whatever their lengths (never throws)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(tokensEqual(a, b)).toBe(a === b);
        expect(tokensEqual(a, a)).toBe(true);
      }),
    );
  });

  it('refuses a prefix, an extension and the empty string', () => {
    const token = createToken();
    expect([tokensEqual(token.slice(0, -1), token), tokensEqual(`${token}A`, token), tokensEqual('', token)]).toEqual([false, false, false]);
  });
});

describe('createToken', () => {
  it('draws 256 random bits as URL- and cookie-safe base64url, new at every call', () => {
    const tokens = Array.from({ length: 50 }, () => createToken());
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe('isAllowedFetchSite', () => {
  it('allows no header, same-origin and none (the user typed the address), and nothing else', () => {
    const verdict = (site?: string): boolean => isAllowedFetchSite(requestWith(site === undefined ? {} : { 'sec-fetch-site': site }));
    expect([undefined, 'same-origin', 'none', 'same-site', 'cross-site', 'SAME-ORIGIN'].map(verdict)).toEqual([true, true, true, false, false, false]);
  });
});

describe('cookieValue', () => {
  it('finds the named cookie among others and ignores names that only contain it', () => {
    const request = requestWith({ cookie: 'xra-token-1=a; ra-token-1=b ; ra-token-10=c' });
    expect(cookieValue(request, 'ra-token-1')).toBe('b');
    expect(cookieValue(request, 'ra-token-2')).toBeNull();
    expect(cookieValue(requestWith({}), 'ra-token-1')).toBeNull();
  });
});

describe('tokenCookie', () => {
  it('names the port and sets HttpOnly and SameSite=Strict', () => {
    expect(tokenCookie(5199, 'abc')).toBe('ra-token-5199=abc; Path=/; HttpOnly; SameSite=Strict');
  });
});

describe('presentedToken', () => {
  it('prefers the bearer header, then the port’s cookie, then the query', () => {
    const query = new URLSearchParams('token=q');
    expect(presentedToken(requestWith({ authorization: 'Bearer h', cookie: 'ra-token-7=c' }), 7, query)).toBe('h');
    expect(presentedToken(requestWith({ cookie: 'ra-token-7=c' }), 7, query)).toBe('c');
    expect(presentedToken(requestWith({ cookie: 'ra-token-8=c' }), 7, query)).toBe('q');
    expect(presentedToken(requestWith({}), 7, new URLSearchParams())).toBeNull();
  });
});
