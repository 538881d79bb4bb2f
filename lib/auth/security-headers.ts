/**
 * The response headers every answer carries, and the per-request Content-Security-Policy.
 * Kept free of Next.js imports so tests and proxy.ts share them.
 */

/** Headers for every response, pages, API and assets alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Browsers ignore HSTS on plain http, so this is safe on loopback and binding behind TLS.
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  // Nothing in a Fleetwatch URL is secret, but view state (cluster names) should not leak to other sites.
  'Referrer-Policy': 'no-referrer',
  // Legacy twin of frame-ancestors 'none' for old browsers.
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export interface CspOptions {
  nonce: string;
  /** Origins the browser must reach for sign-in: MSAL fetches discovery and tokens from the authority. */
  authorityOrigins: string[];
  dev: boolean;
  https: boolean;
}

/** The page CSP. Scripts run only with this request's nonce ('strict-dynamic' lets them load chunks). */
export function pageCsp({ nonce, authorityOrigins, dev, https }: CspOptions): string {
  const authority = authorityOrigins.join(' ');
  return [
    "default-src 'self'",
    // React dev tooling needs eval; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    // style="" attributes: React SSR writes them (table virtualisation, widths of bars) and
    // Recharts sets them at runtime; attributes cannot carry a nonce, and an attribute style
    // cannot run script, so only attributes are allowed inline — <style> elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${authority ? ` ${authority}` : ''}`,
    // MSAL's silent renewal falls back to a hidden iframe on the authority.
    `frame-src ${authority || "'none'"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** JSON never needs to load anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** 128 random bits, base64: unguessable per response. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
