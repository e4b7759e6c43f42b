import 'server-only';
import { actorFromHeaders } from '@/lib/server/auth/session';
import { ROLES, type Actor, type RoleName } from '@/lib/core/auth/roles';
import { verifyApiToken, type TokenScope } from '@/lib/server/api-tokens/tokens';
import { AppError, unauthenticated } from '@/lib/core/errors';

export interface ApiCaller {
  actor: Actor;
  via: 'session' | 'token';
  scopes: TokenScope[];
}

/**
 * Who is calling an API route: a personal token (`Authorization: Bearer apx_…`) limited to its
 * scopes, or a browser session (all scopes). Null for anonymous callers unless `required`.
 */
export async function authenticate(request: Request, options: { scope?: TokenScope; required?: boolean } = {}): Promise<ApiCaller | null> {
  const header = request.headers.get('authorization');
  let caller: ApiCaller | null = null;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const verified = match ? await verifyApiToken(match[1]) : null;
    // A bad token is an error, never a silent fall-back to anonymous.
    if (!verified) throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked.');
    const roles = verified.user.roles.filter((r): r is RoleName => (ROLES as readonly string[]).includes(r));
    caller = { actor: { ...verified.user, roles }, via: 'token', scopes: verified.scopes };
  } else {
    const actor = await actorFromHeaders(request.headers);
    if (actor) caller = { actor, via: 'session', scopes: ['read', 'publish'] };
  }
  if (!caller) {
    if (options.required) throw unauthenticated();
    return null;
  }
  if (options.scope && !caller.scopes.includes(options.scope)) {
    throw new AppError('FORBIDDEN', `This token lacks the "${options.scope}" scope.`);
  }
  return caller;
}
