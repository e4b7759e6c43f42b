/**
 * better-auth's session cookie (`better-auth.session_token`, `__Secure-` prefixed over https).
 * Without it and without an Authorization header a request is plainly anonymous: nothing to ask
 * better-auth or the token table.
 */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth[.-]session_token=/;

export function isPlainlyAnonymous(authorization: string | null | undefined, cookie: string | null | undefined): boolean {
  return authorization == null && !SESSION_COOKIE.test(cookie ?? '');
}
