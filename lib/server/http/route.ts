import 'server-only';
import { ZodError, type z } from 'zod';
import { AppError, isAppError, unauthenticated } from '@/lib/core/errors';
import { DEPENDENCY_NAMES, unavailableDependency } from '@/lib/core/unavailable';
import { publicUrl } from '@/lib/config/env';
import { crossSiteWriteRefusal } from '@/lib/core/http/cross-site';
import { isPlainlyAnonymous } from '@/lib/core/http/anonymous';
import type { Actor } from '@/lib/core/auth/roles';
import type { TokenScope } from '@/lib/server/api-tokens/tokens';
import { authenticate, type ApiCaller } from '@/lib/server/http/authenticate';
import { problem } from '@/lib/server/http/respond';

/** How Next.js calls a route handler. */
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

type Auth = 'none' | 'optional' | 'required';
type Schema = z.ZodType;

export interface RouteOptions {
  /**
   * `none`: nobody is asked (public documents). `optional` (the default): anonymous callers are
   * welcome, but a bad token is refused. `required`: anonymous callers get 401.
   */
  auth?: Auth;
  /** The scope a token needs; browser sessions hold every scope. */
  scope?: TokenScope;
  /** With `required`: API tokens are refused with this reason (a person at a browser must act). */
  sessionOnly?: string;
  params?: Schema;
  /** Validated against the query string, each parameter's first value. */
  query?: Schema;
  /** A JSON body (Content-Type: application/json), validated against this schema. */
  body?: Schema;
  /** The largest body accepted, in bytes (default 1 MB). */
  maxBodyBytes?: number;
}

type Out<S, Fallback> = S extends Schema ? z.output<S> : Fallback;
type CallerOf<A> = A extends 'required' ? ApiCaller : A extends 'none' ? null : ApiCaller | null;

export interface RouteContext<O extends RouteOptions> {
  request: Request;
  /** Who is calling; never null when the route requires authentication. */
  caller: CallerOf<O['auth']>;
  /** The caller's actor, or null for anonymous callers (what the services take). */
  actor: CallerOf<O['auth']> extends ApiCaller ? Actor : Actor | null;
  params: Out<O['params'], Record<string, string>>;
  query: Out<O['query'], undefined>;
  body: Out<O['body'], undefined>;
}

/**
 * The one wrapper of every API route handler, in this order: a state-changing request another
 * site could have made a browser send is refused (lib/core/http/cross-site.ts); the caller is
 * authenticated (plainly anonymous requests skip the session and token look-ups); params, query
 * and body are validated; then the handler runs with the typed context. Expected errors (AppError,
 * zod) become problem+json with their status; a database or object store that is down or hung is
 * a 503 naming it; anything else is logged and answered with a generic 500.
 */
export function apiRoute<const O extends RouteOptions>(options: O, handler: (context: RouteContext<O>) => Promise<Response>): RouteHandler {
  return async (request, context) => {
    const refusal = crossSiteWriteRefusal(request, publicUrl());
    if (refusal) return problem(403, refusal, { code: 'CROSS_SITE' });
    try {
      const caller = await callerOf(request, options);
      const params: unknown = options.params ? options.params.parse(await context.params) : await context.params;
      const query: unknown = options.query?.parse(Object.fromEntries(new URL(request.url).searchParams));
      const body: unknown = options.body?.parse(await readJson(request, options.maxBodyBytes));
      // The types above are what the schemas in `options` produce: RouteContext<O> says so.
      return await handler({ request, caller, actor: caller?.actor ?? null, params, query, body } as RouteContext<O>);
    } catch (e) {
      return errorResponse(request, e);
    }
  };
}

async function callerOf(request: Request, options: RouteOptions): Promise<ApiCaller | null> {
  const auth = options.auth ?? 'optional';
  if (auth === 'none') return null;
  if (isPlainlyAnonymous(request.headers.get('authorization'), request.headers.get('cookie'))) {
    if (auth === 'required') throw unauthenticated();
    return null;
  }
  const caller = await authenticate(request, { scope: options.scope, required: auth === 'required' });
  if (caller && options.sessionOnly && caller.via !== 'session') throw new AppError('FORBIDDEN', options.sessionOnly);
  return caller;
}

/** The problem document for an error a handler threw. */
export function errorResponse(request: Request, e: unknown): Response {
  if (isAppError(e)) {
    const headers: Record<string, string> = e.code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="apx"' } : {};
    return problem(e.status, e.message, { code: e.code, ...(e.fields ? { errors: e.fields } : {}) }, headers);
  }
  if (e instanceof ZodError) {
    const errors: Record<string, string> = {};
    for (const issue of e.issues) errors[issue.path.join('.') || 'body'] ??= issue.message;
    return problem(422, 'The request did not validate.', { code: 'INVALID', errors });
  }
  const down = unavailableDependency(e);
  if (down) {
    // Not a bug: a store is down or hung. Say which, and when to come back.
    console.error(`[api] ${request.method} ${new URL(request.url).pathname}: ${down} unavailable:`, (e as Error).message);
    return problem(503, `${DEPENDENCY_NAMES[down]} is unavailable. Try again in a minute.`, { code: 'UNAVAILABLE', unavailable: down }, { 'retry-after': '30' });
  }
  console.error(`[api] ${request.method} ${new URL(request.url).pathname}:`, e);
  return problem(500, 'Something went wrong on our side.');
}

/** Parses a JSON body, refusing other content types and oversized bodies with a clear error. */
async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new AppError('UNSUPPORTED', 'Send a JSON body with Content-Type: application/json.');
  }
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError('TOO_LARGE', `The body is larger than ${maxBytes} bytes.`);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new AppError('INVALID', 'The body is not valid JSON.');
  }
}
