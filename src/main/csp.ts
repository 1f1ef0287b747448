/**
 * The renderer's Content-Security-Policy, sent as a response header by both transports (the
 * Electron session and the loopback server). The page carries the same policy in a
 * `<meta>` tag (src/renderer/index.html), which is all a file:// page gets; a unit test
 * keeps the two equal. `frame-ancestors` works only as a header, so only the header has it.
 *
 * - `script-src 'self'`: no inline script, no eval; Vue SFCs are compiled at build time.
 * - `style-src 'self'`: the build emits CSS as files, and Vue and ECharts set styles through
 *   the CSSOM (`element.style`), which style-src does not govern. Only Vite's dev server
 *   needs 'unsafe-inline' (it injects CSS as <style> elements): see `devPolicy`, applied by
 *   electron.vite.config.ts to the page in dev only.
 * - `connect-src 'self'`: the loopback API and its event stream are on the page's origin.
 * - No remote content at all: no CDN, fonts, frames or form targets.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The header form: the page's policy plus what only a header can say. */
export const CONTENT_SECURITY_POLICY = `${PAGE_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/**
 * The dev-server variant of a policy (electron-vite dev): Vite injects CSS as <style>
 * elements, so styles need 'unsafe-inline' there. Never used in a build.
 */
export function devPolicy(policy: string): string {
  return policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}

/** The header policy under the dev server. */
export const DEV_CONTENT_SECURITY_POLICY = devPolicy(CONTENT_SECURITY_POLICY);

/** Hardening headers sent with every loopback response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
