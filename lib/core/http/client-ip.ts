import { createHash } from 'node:crypto';

/**
 * The client's address. Our server (scripts/serve.ts) replaces any X-Forwarded-For a client sent
 * with the socket address, unless TRUST_PROXY says a proxy in front sets it: so the first entry is
 * trustworthy here.
 */
export function clientIp(h: Headers): string {
  return clientIpOf(h.get('x-forwarded-for'));
}

/** The same, from the X-Forwarded-For value itself (Node's IncomingMessage headers). */
export function clientIpOf(forwarded: string | string[] | null | undefined): string {
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return value?.split(',')[0]?.trim() || 'unknown';
}

/** Stored instead of the address itself (download counting, rate limits). */
export function hashIp(ip: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${ip}`).digest('hex').slice(0, 32);
}
