import 'server-only';
import { authenticate, type ApiCaller } from '@/lib/api/authenticate';
import type { TokenScope } from '@/lib/api-tokens/tokens';

/**
 * better-auth's session cookie (`better-auth.session_token`, `__Secure-` prefixed over https).
 * Without it and without a bearer token a request is anonymous: no need to ask better-auth.
 */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth[.-]session_token=/;

/** The caller of a catalog read endpoint (lib/api/authenticate.ts), skipped for plainly anonymous requests. */
export async function catalogCaller(request: Request, scope: TokenScope = 'read'): Promise<ApiCaller | null> {
  if (!request.headers.has('authorization') && !SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) return null;
  return authenticate(request, { scope });
}
