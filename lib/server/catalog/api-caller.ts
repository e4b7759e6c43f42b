import 'server-only';
import { authenticate, type ApiCaller } from '@/lib/server/api/authenticate';
import type { TokenScope } from '@/lib/server/api-tokens/tokens';
import { isPlainlyAnonymous } from '@/lib/core/http/anonymous';

/** The caller of a catalog read endpoint (lib/server/api/authenticate.ts), skipped for plainly anonymous requests. */
export async function catalogCaller(request: Request, scope: TokenScope = 'read'): Promise<ApiCaller | null> {
  if (isPlainlyAnonymous(request.headers.get('authorization'), request.headers.get('cookie'))) return null;
  return authenticate(request, { scope });
}
