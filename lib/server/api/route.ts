import 'server-only';
import { ZodError } from 'zod';
import { AppError, isAppError } from '@/lib/core/errors';
import { problem } from '@/lib/core/api/problem';
import { DEPENDENCY_NAMES, unavailableDependency } from '@/lib/core/unavailable';
import { publicUrl } from '@/lib/config/env';
import { crossSiteWriteRefusal } from '@/lib/core/http/cross-site';

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/**
 * Wraps an API route handler: a state-changing request another site could have made a browser
 * send is refused before the handler runs (lib/core/http/cross-site.ts); expected errors (AppError,
 * zod) become problem+json with their status; a database or object store that is down or hung
 * is a 503 naming it; anything else is logged and answered with a generic 500.
 */
export function apiRoute<P = Record<string, string>>(handler: Handler<P>): Handler<P> {
  return async (request, context) => {
    const refusal = crossSiteWriteRefusal(request, publicUrl());
    if (refusal) return problem(403, refusal, { code: 'CROSS_SITE' });
    try {
      return await handler(request, context);
    } catch (e) {
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
  };
}

/** Parses a JSON body, refusing other content types and oversized bodies with a clear error. */
export async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
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
