import type { z } from 'zod';
import { problemSchema, type Problem } from './api-types';
import { CliError, type ExitName } from './exit-codes';

export const USER_AGENT = 'apx/0.1 (+https://github.com/appliance-exchange)';

/** An error answer (problem+json from the API, or whatever else answered), mapped onto an exit code. */
export class ApiError extends CliError {
  readonly status: number;
  readonly problem: Problem;
  /** False when the answer was not the API's own problem document (an object store, a proxy, another server). */
  readonly fromApi: boolean;

  constructor(status: number, problem: Problem, context: string, origin?: { fromApi: boolean; host?: string; s3Code?: string }) {
    const fromApi = origin?.fromApi ?? true;
    // A refusal by something else than the API (an object store, a proxy) says nothing about the token.
    const exit = fromApi ? exitForStatus(status) : 'ERROR';
    const detail = problem.detail || problem.title || `HTTP ${status}`;
    const fields = problem.errors ? Object.entries(problem.errors).map(([field, message]) => `${field}: ${message}`) : [];
    const message = fromApi
      ? `${context}: ${detail}${fields.length ? ` (${fields.join('; ')})` : ''}`
      : `${context}: ${origin?.host ?? 'the server'} answered HTTP ${status}${origin?.s3Code ? ` (S3 ${origin.s3Code})` : ''}, which is not an answer of the Appliance Exchange API.`;
    super(exit, message, {
      hint: fromApi ? hintForStatus(status, problem) : 'Is that the address of the site itself? Use it with --site (or apx login --site URL), not an object store\'s or another server\'s.',
      details: { status, code: problem.code, errors: problem.errors, fromApi },
    });
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fromApi = fromApi;
  }
}

export function exitForStatus(status: number): ExitName {
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status === 400 || status === 422) return 'USAGE';
  return 'ERROR';
}

function hintForStatus(status: number, problem: Problem): string | undefined {
  if (status === 401) return 'Run apx login with a token from the site (Account > API tokens).';
  // Only the site's own word that a scope is missing is blamed on the token's scope.
  if (status === 403 && /\bscope\b/i.test(problem.detail ?? '')) return 'Create a token with that scope (Account > API tokens) and run apx login again.';
  return undefined;
}

export interface RequestOptions<T> {
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Names the operation in error messages: "Looking up demo-labs/hello". */
  context: string;
  signal?: AbortSignal;
}

/**
 * Talks JSON to the site's /api/v1. Sends the bearer token to the configured site only; errors come
 * back as problem+json and become ApiErrors with a matching exit code; a site that cannot be
 * reached is the NETWORK exit code.
 */
export class ApiClient {
  readonly site: string;
  readonly token?: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: { site: string; token?: string; fetch: typeof fetch }) {
    this.site = options.site;
    this.token = options.token;
    this.fetchImpl = options.fetch;
  }

  get authenticated(): boolean {
    return !!this.token;
  }

  url(pathname: string, query?: RequestOptions<unknown>['query']): string {
    const url = new URL(`${this.site}${pathname}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      accept: 'application/json, application/problem+json',
      'user-agent': USER_AGENT,
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...extra,
    };
  }

  /** A raw request to the site (with the token); the caller reads the response. */
  async raw(pathname: string, init: RequestInit & { context: string }): Promise<Response> {
    const { context, ...rest } = init;
    try {
      return await this.fetchImpl(this.url(pathname), { ...rest, headers: this.headers(rest.headers as Record<string, string> | undefined) });
    } catch (e) {
      throw networkError(e, this.site, context);
    }
  }

  async request<T>(method: string, pathname: string, options: RequestOptions<T>): Promise<T> {
    const hasBody = options.body !== undefined;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(pathname, options.query), {
        method,
        headers: this.headers(hasBody ? { 'content-type': 'application/json' } : {}),
        body: hasBody ? JSON.stringify(options.body) : undefined,
        redirect: 'follow',
        signal: options.signal,
      });
    } catch (e) {
      throw networkError(e, this.site, options.context);
    }
    if (!response.ok) throw await apiErrorFrom(response, options.context, this.site);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new CliError('ERROR', `${options.context}: the site answered HTTP ${response.status} with something that is not JSON.`, {
        hint: `Is ${this.site} an Appliance Exchange site?`,
      });
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError('ERROR', `${options.context}: unexpected answer from the site (${issue?.path.join('.') || 'body'}: ${issue?.message}).`, {
        hint: 'The site may run a different API version than this apx.',
      });
    }
    return parsed.data;
  }

  get<T>(pathname: string, options: RequestOptions<T>) {
    return this.request('GET', pathname, options);
  }

  post<T>(pathname: string, options: RequestOptions<T>) {
    return this.request('POST', pathname, options);
  }

  patch<T>(pathname: string, options: RequestOptions<T>) {
    return this.request('PATCH', pathname, options);
  }

  delete<T>(pathname: string, options: RequestOptions<T>) {
    return this.request('DELETE', pathname, options);
  }
}

export async function apiErrorFrom(response: Response, context: string, site?: string): Promise<ApiError> {
  let problem: Problem = { status: response.status };
  let fromApi = false;
  const text = await response.text().catch(() => '');
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    // The API's errors are problem documents with a title or detail; anything else answered for it.
    if (parsed.success && (parsed.data.title !== undefined || parsed.data.detail !== undefined)) {
      problem = parsed.data;
      fromApi = true;
    }
  } catch {
    // Not JSON (an object store's XML, a proxy's HTML page): the status alone must do.
  }
  const host = hostOf(response.url) ?? (site ? hostOf(site) : undefined);
  return new ApiError(response.status, problem, context, { fromApi, host, s3Code: /<Code>([A-Za-z]{1,64})<\/Code>/.exec(text)?.[1] });
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

export function networkError(e: unknown, where: string, context: string): CliError {
  if (isAbort(e)) return new CliError('INTERRUPTED', 'Interrupted.');
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code || cause?.message || (e as Error).message;
  return new CliError('NETWORK', `${context}: cannot reach ${where} (${reason}).`, { hint: 'Check the address (apx login --site URL) and your connection.', cause: e });
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: string }).code === 'ABORT_ERR');
}

/** A path segment for the API, escaped. */
export const seg = (value: string) => encodeURIComponent(value);
