import { InsideError } from '@/lib/core/inside/errors';
import type { ByteSource } from '@/lib/core/inside/types';
import { checkRange } from './memory-source';

export interface HttpRangeSourceOptions {
  /** Total size when known (skips the first probe request). */
  size?: number;
  name?: string;
  /** Extra request headers (never logged). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Defaults to the global fetch (Node and the browser). */
  fetch?: typeof fetch;
  /** The request's cache mode (the browser's try reads with 'no-store'). */
  cache?: RequestCache;
}

/** A fixed URL, or a function asked before every request (a presigned URL it refreshes before it expires). */
export type RangeUrl = string | (() => string | Promise<string>);

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/**
 * An HTTP object read with `Range` requests (a presigned S3 URL in the worker, a same-origin URL in
 * the browser). A server that ignores `Range` is refused rather than downloaded whole.
 */
export async function openHttpRangeSource(url: RangeUrl, options: HttpRangeSourceOptions = {}): Promise<ByteSource> {
  const doFetch = options.fetch ?? fetch;
  const name = options.name ?? (typeof url === 'string' ? safeName(url) : 'remote object');

  async function get(offset: number, length: number): Promise<{ bytes: Uint8Array; total: number | null }> {
    const end = offset + length - 1;
    const response = await doFetch(typeof url === 'string' ? url : await url(), {
      headers: { ...options.headers, range: `bytes=${offset}-${end}` },
      signal: options.signal,
      ...(options.cache ? { cache: options.cache } : {}),
    });
    if (response.status === 416) return { bytes: new Uint8Array(0), total: null };
    if (response.status !== 206) {
      await response.body?.cancel();
      throw new InsideError('disk-invalid', `${name}: the server answered ${response.status} to a range request (expected 206)`);
    }
    const match = CONTENT_RANGE.exec(response.headers.get('content-range') ?? '');
    if (!match || Number(match[1]) !== offset) {
      await response.body?.cancel();
      throw new InsideError('disk-invalid', `${name}: the server answered a different range than asked`);
    }
    const bytes = await readCapped(response, length, name);
    return { bytes, total: match[3] === '*' ? null : Number(match[3]) };
  }

  let size = options.size;
  if (size === undefined) {
    const probe = await get(0, 1);
    if (probe.total === null) throw new InsideError('disk-invalid', `${name}: the server does not say the object's size`);
    size = probe.total;
  }
  const total = size;
  return {
    size: total,
    name,
    async read(offset, length) {
      checkRange(offset, length);
      const n = Math.max(0, Math.min(length, total - offset));
      if (n === 0) return new Uint8Array(0);
      return (await get(offset, n)).bytes;
    },
  };
}

/** Reads at most `limit` bytes of a body; more than that is a protocol error, not a memory risk. */
async function readCapped(response: Response, limit: number, name: string): Promise<Uint8Array> {
  const out = new Uint8Array(limit);
  let done = 0;
  if (!response.body) return out.subarray(0, 0);
  const reader = response.body.getReader();
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    if (done + value.length > limit) {
      await reader.cancel();
      throw new InsideError('disk-invalid', `${name}: the server sent more bytes than asked`);
    }
    out.set(value, done);
    done += value.length;
  }
  return done === limit ? out : out.subarray(0, done);
}

/** The last path segment of a URL, without its query (which may carry a signature). */
function safeName(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? u.host);
  } catch {
    return 'remote object';
  }
}
