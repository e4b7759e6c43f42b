import { createHash } from 'node:crypto';

/**
 * The client's address. Our server (scripts/serve.ts) replaces any X-Forwarded-For a client sent
 * with the socket address, unless TRUST_PROXY says a proxy in front sets it: so the first entry is
 * trustworthy here.
 */
export function clientIp(h: Headers): string {
  const forwarded = h.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || 'unknown';
}

/** Stored instead of the address itself (download counting, rate limits). */
export function hashIp(ip: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${ip}`).digest('hex').slice(0, 32);
}
