import { APIError } from 'better-auth/api';

export interface AuthError {
  /** better-auth's status name: UNAUTHORIZED, BAD_REQUEST, FORBIDDEN, … */
  status: string;
  /** better-auth's error code (e.g. PASSWORD_TOO_SHORT), when it gave one. */
  code: string;
  message: string;
}

/**
 * The refusal better-auth threw, or null for any other error. Recognised by shape as well as by
 * class: in the production bundle the class better-auth throws need not be the one imported here
 * (the package is loaded both as ESM and CommonJS), and `instanceof` alone then misses every
 * refusal — a wrong password became "Something went wrong on our side".
 */
export function authErrorOf(e: unknown): AuthError | null {
  const shaped = e instanceof APIError || (!!e && typeof e === 'object' && (e as { name?: unknown }).name === 'APIError' && 'status' in e);
  if (!shaped) return null;
  const err = e as { status: unknown; body?: { code?: unknown }; message?: unknown };
  return { status: String(err.status), code: typeof err.body?.code === 'string' ? err.body.code : '', message: typeof err.message === 'string' ? err.message : '' };
}
