import 'server-only';

/** JSON for the challenge API: never cached (scores and assignments are per caller and change). */
export function challengeJson(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)), {
    ...init,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store', ...(init.headers ?? {}) },
  });
}
