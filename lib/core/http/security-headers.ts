/** Headers every answer carries: set by next.config.ts for Next.js, and by scripts/serve.ts's fast path. */
export const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/**
 * HSTS when the site is served over https (PUBLIC_URL): browsers then never try plain http for
 * two years. Decided at run time (PUBLIC_URL is a run-time setting, next.config's headers are
 * fixed at build time), so scripts/serve.ts sets it on every answer. Null over http, where it
 * would be ignored at best and lock out a local install at worst.
 */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith('https://') ? 'max-age=63072000; includeSubDomains' : null;
}
