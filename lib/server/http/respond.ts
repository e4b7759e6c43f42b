import 'server-only';

// Every answer of the JSON API is built here: RFC 9457 problem details for errors, JSON for the rest.

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: Record<string, string>;
  /** With 503: which dependency is unavailable. */
  unavailable?: 'database' | 'objectStore';
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(status: number, detail?: string, extra: Partial<ProblemBody> = {}, headers: HeadersInit = {}): Response {
  const body: ProblemBody = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}

/**
 * Who may keep a JSON answer. `private` (the default): what the caller sees depends on who asks,
 * so no shared cache keeps it and the browser does not store it. `no-store`: nobody keeps it
 * (publishing answers). `public`: the same for everyone, five minutes (the OpenAPI document).
 */
export type Caching = 'private' | 'no-store' | 'public';

const CACHE_CONTROL: Record<Caching, string> = {
  private: 'private, no-store',
  'no-store': 'no-store',
  public: 'public, max-age=300',
};

export interface JsonInit {
  status?: number;
  cache?: Caching;
  headers?: Record<string, string>;
}

/** A JSON answer. BigInt counters are written as numbers (they stay far below 2^53). */
export function json(body: unknown, { status = 200, cache = 'private', headers = {} }: JsonInit = {}): Response {
  return new Response(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': CACHE_CONTROL[cache], ...headers },
  });
}

/** A redirect to a short-lived URL (presigned object-store links); `private, no-store` unless told. */
export function redirect(location: string, headers: Record<string, string> = { 'cache-control': 'private, no-store' }): Response {
  return new Response(null, { status: 302, headers: { location, ...headers } });
}

/** 204: done, nothing to say. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}
