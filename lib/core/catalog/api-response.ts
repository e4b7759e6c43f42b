/** A JSON API answer: private to the caller (visibility depends on who asks), never cached by proxies. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store', ...init.headers },
  });
}
