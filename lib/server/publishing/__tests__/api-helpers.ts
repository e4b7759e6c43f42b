// Calls route handlers the way Next.js does (a Request and a params promise), authenticated with
// a personal API token or a session cookie, against the integration test's real database and S3.
import { getAuth } from '@/lib/server/auth/auth';
import { createApiToken, type TokenScope } from '@/lib/server/api-tokens/tokens';
import type { Actor } from '@/lib/core/auth/roles';
import { createTestAppliance, createTestPublisher, createTestVersion, TEST_PASSWORD } from '@/lib/test-support/factories';

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface CallOptions<P> {
  method?: string;
  path?: string;
  token?: string;
  cookie?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: P;
}

export interface CallResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are inspected field by field
  json: any;
  text: string;
  headers: Headers;
}

export async function call<P>(handler: Handler<P>, options: CallOptions<P> = {}): Promise<CallResult> {
  // A session cookie comes from a browser on our own pages: it says so, as every current browser does.
  const browser: Record<string, string> = options.cookie ? { origin: new URL(process.env.PUBLIC_URL!).origin, 'sec-fetch-site': 'same-origin' } : {};
  const headers: Record<string, string> = { ...browser, ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const request = new Request(`${process.env.PUBLIC_URL}${options.path ?? '/api/v1/test'}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? ({} as P)) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}

export async function tokenFor(actor: Actor, scopes: TokenScope[] = ['publish']): Promise<string> {
  return (await createApiToken(actor, { name: 'test', scopes })).token;
}

/** A browser session for an account, as the cookie header a browser would send. */
export async function sessionCookie(email: string, password = TEST_PASSWORD): Promise<string> {
  const base = process.env.PUBLIC_URL!;
  const res = await getAuth().handler(
    new Request(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** A publisher with a draft listing, a draft version and a publish token. */
export async function publisherWithVersion(version = '1.0.0') {
  const { publisher, owner } = await createTestPublisher();
  const appliance = await createTestAppliance(publisher.id);
  const v = await createTestVersion(appliance.id, version);
  return { publisher, owner, appliance, version: v, token: await tokenFor(owner) };
}

/** PUTs bytes to a presigned part URL as a browser would; returns the ETag S3 answered. */
export async function putPart(url: string, bytes: Uint8Array): Promise<string> {
  const res = await fetch(url, { method: 'PUT', body: new Blob([new Uint8Array(bytes)]) });
  if (!res.ok) throw new Error(`part PUT failed: ${res.status} ${await res.text()}`);
  return res.headers.get('etag') ?? '';
}
