/**
 * The page's Content Security Policy, the same for the `app://` protocol and the loopback host. The
 * renderer needs no network (every registry call goes through main), so `connect-src 'self'`. No
 * `'unsafe-inline'` for styles: Vite emits CSS files, and React's `style={…}` goes through the CSSOM,
 * which CSP does not block; only injected `<style>` elements would be, and we use none.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response the UI gets, whichever face serves it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // The token is in the page URL; never leak it in a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
