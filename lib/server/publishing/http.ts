import 'server-only';
import { authenticate } from '@/lib/server/api/authenticate';
import { unauthenticated } from '@/lib/core/errors';
import type { Actor } from '@/lib/core/auth/roles';

/** The caller of a publishing endpoint: a browser session, or a token with the `publish` scope. */
export async function publishingActor(request: Request): Promise<Actor> {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  if (!caller) throw unauthenticated();
  return caller.actor;
}

/** A JSON answer that no cache keeps. */
export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { 'cache-control': 'no-store' } });
}
