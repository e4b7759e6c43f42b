// Signature Version 4 verification for the embedded S3 server. s3rver accepts unsigned requests
// and does not check V4 signatures at all, so without this anyone who can reach its port could
// read unpublished files, forge uploads or reuse an expired presigned URL. Every request except a
// CORS preflight must carry a valid signature by our key pair, within its validity window.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface SigV4Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

export type SigV4Verdict = { ok: true } | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'RequestExpired'; message: string };

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeStrict(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function canonicalUri(rawPath: string): string | null {
  const segments = rawPath.split('/').map(decodeStrict);
  if (segments.some((s) => s === null)) return null;
  return (segments as string[]).map(rfc3986).join('/');
}

function parseQuery(rawQuery: string): [string, string][] | null {
  if (!rawQuery) return [];
  const out: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeStrict(eq < 0 ? part : part.slice(0, eq));
    const value = decodeStrict(eq < 0 ? '' : part.slice(eq + 1));
    if (name === null || value === null) return null;
    out.push([name, value]);
  }
  return out;
}

function canonicalQuery(params: [string, string][]): string {
  return params
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  return (Array.isArray(v) ? v.join(',') : v).trim().replace(/\s+/g, ' ');
}

function parseAmzDate(s: string | null | undefined): number | null {
  const m = s ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

function sameHex(a: string, b: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(a) || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

export function verifySigV4(
  request: { method: string; url: string; headers: IncomingHttpHeaders },
  keys: SigV4Keys,
  now = Date.now(),
): SigV4Verdict {
  const denied = (message: string): SigV4Verdict => ({ ok: false, code: 'AccessDenied', message });
  const q = request.url.indexOf('?');
  const rawPath = q < 0 ? request.url : request.url.slice(0, q);
  const params = parseQuery(q < 0 ? '' : request.url.slice(q + 1));
  const uri = canonicalUri(rawPath);
  if (!params || uri === null) return denied('Malformed request URL.');
  const query = new Map(params);

  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  let amzDate: string | null | undefined;
  let payloadHash: string;
  let expiresAt: number;

  const authorization = headerValue(request.headers, 'authorization');
  if (query.get('X-Amz-Algorithm') !== undefined) {
    if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return denied('Only AWS4-HMAC-SHA256 is accepted.');
    credential = query.get('X-Amz-Credential');
    signedHeaders = query.get('X-Amz-SignedHeaders');
    signature = query.get('X-Amz-Signature');
    amzDate = query.get('X-Amz-Date');
    payloadHash = query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
    const expires = Number(query.get('X-Amz-Expires'));
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) return denied('X-Amz-Expires is missing or out of range.');
    const start = parseAmzDate(amzDate);
    if (start === null) return denied('X-Amz-Date is missing or malformed.');
    if (start - now > MAX_CLOCK_SKEW_MS) return denied('The request is dated in the future.');
    expiresAt = start + expires * 1000;
  } else if (authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
    const fields = Object.fromEntries(
      authorization
        .slice('AWS4-HMAC-SHA256 '.length)
        .split(',')
        .map((f) => f.trim().split('=') as [string, string]),
    );
    credential = fields.Credential;
    signedHeaders = fields.SignedHeaders;
    signature = fields.Signature;
    amzDate = headerValue(request.headers, 'x-amz-date');
    const hash = headerValue(request.headers, 'x-amz-content-sha256');
    if (!hash) return denied('x-amz-content-sha256 is required.');
    payloadHash = hash;
    const at = parseAmzDate(amzDate);
    if (at === null) return denied('x-amz-date is missing or malformed.');
    if (Math.abs(at - now) > MAX_CLOCK_SKEW_MS) return { ok: false, code: 'RequestExpired', message: 'The request time is too far from the server time.' };
    expiresAt = at + MAX_CLOCK_SKEW_MS;
  } else {
    return denied('Anonymous requests are not allowed; use a signed or presigned request.');
  }

  if (!credential || !signedHeaders || !signature || !amzDate) return denied('The signature is incomplete.');
  if (now > expiresAt) return { ok: false, code: 'RequestExpired', message: 'The presigned URL has expired.' };
  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  if (accessKeyId !== keys.accessKeyId) return { ok: false, code: 'InvalidAccessKeyId', message: 'Unknown access key.' };
  if (!date || !region || service !== 's3' || terminator !== 'aws4_request' || !amzDate.startsWith(date)) {
    return denied('The credential scope is malformed.');
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host')) return denied('The host header must be signed.');
  const canonicalHeaders: string[] = [];
  for (const name of names) {
    const value = headerValue(request.headers, name);
    if (value === null) return denied(`Signed header ${name} is missing.`);
    canonicalHeaders.push(`${name}:${value}\n`);
  }
  const canonicalRequest = [request.method, uri, canonicalQuery(params), canonicalHeaders.join(''), signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${keys.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  if (!sameHex(signature, expected)) {
    return { ok: false, code: 'SignatureDoesNotMatch', message: 'The request signature does not match.' };
  }
  return { ok: true };
}
