// The Content-Security-Policy of every page, built per request by proxy.ts with a fresh nonce
// (Next.js reads the nonce from the request's policy and puts it on its own scripts). Scripts run
// only with the nonce, or when a nonce'd script loads them ('strict-dynamic'): no 'unsafe-inline'
// and no 'unsafe-eval' for scripts. 'wasm-unsafe-eval' lets the browser compile WebAssembly
// (hash-wasm hashes uploads; the in-browser emulator), which is not JavaScript eval.
// Styles keep 'unsafe-inline': React's style attributes need it, and CSS cannot run script.
// The object store is allowed where the browser talks to it directly: uploads of parts (connect),
// screenshots and avatars behind 302s to presigned URLs (img), and disk reads by Range (connect).

export interface CspSettings {
  publicUrl: string;
  s3Endpoint?: string;
  s3PublicEndpoint?: string;
  s3Bucket?: string;
  s3Region?: string;
  s3ForcePathStyle?: boolean;
  development?: boolean;
}

/** The origins a browser reaches the object store at, as presigned URLs name them. */
export function objectStoreOrigins(s: CspSettings): string[] {
  const bucket = s.s3Bucket ?? 'appliance-exchange';
  const endpoint = s.s3PublicEndpoint || s.s3Endpoint;
  if (!endpoint) {
    const region = s.s3Region ?? 'us-east-1';
    return [`https://${bucket}.s3.${region}.amazonaws.com`, `https://s3.${region}.amazonaws.com`];
  }
  try {
    const u = new URL(endpoint);
    if (s.s3ForcePathStyle === false) return [`${u.protocol}//${bucket}.${u.host}`, u.origin];
    return [u.origin];
  } catch {
    return [];
  }
}

export function contentSecurityPolicy(nonce: string, s: CspSettings): string {
  const store = objectStoreOrigins(s).join(' ');
  const https = s.publicUrl.startsWith('https://');
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${s.development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data: ${store}`,
    `font-src 'self'`,
    `connect-src 'self' blob: ${store}`,
    `media-src 'self' blob: ${store}`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** 128 random bits, base64: a nonce an attacker cannot guess, new for every response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
