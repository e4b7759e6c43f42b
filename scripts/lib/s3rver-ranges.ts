// s3rver 3.7 reads `Range: bytes=A-B` as two numbers and nothing more: a suffix range
// (`bytes=-16`, the last 16 bytes, which disk readers use for footers and backup headers) comes
// back as the FIRST 17 bytes, a malformed or multi-range header fails oddly, and a range past the
// end is clipped where S3 answers 416. This resolves the header against the object's size the way
// S3 (RFC 9110 §14) does, before s3rver's own GET/HEAD handler sees it, and hands s3rver an
// explicit `bytes=start-end`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type RangeDecision =
  | { kind: 'whole' }
  | { kind: 'range'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * What S3 serves for a Range header and an object of `size` bytes: a single byte range, the whole
 * object (no header, a header S3 ignores: malformed, not `bytes`, several ranges, first > last), or
 * 416 (a first byte at or past the end, a zero-length suffix, any range of an empty object).
 */
export function resolveRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'whole' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'range', start, end };
}

interface KoaContext {
  method: string;
  query: Record<string, string | string[] | undefined>;
  params: { bucket?: string; key?: string };
  req: { headers: import('node:http').IncomingHttpHeaders };
  store: { getMetadata(bucket: string, key: string): Promise<Record<string, string>> };
}
type Middleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;
interface Router {
  stack: { stack: { name: string }[] }[];
  use(path: string, middleware: Middleware): Router;
}
const SUB_RESOURCES = ['acl', 'tagging', 'torrent', 'uploadId', 'uploads', 'partNumber', 'legal-hold', 'retention', 'attributes'];
type S3ErrorCtor = new (code: string, message: string, detail?: Record<string, string>) => Error;

/** Makes s3rver's GET/HEAD Object answer Range headers as S3 does (idempotent). */
export function extendS3rverRanges(): void {
  const router = require('s3rver/lib/routes.js') as Router;
  const S3Error = require('s3rver/lib/models/error.js') as S3ErrorCtor;
  if (router.stack.some((l) => l.stack.some((f) => f.name === 'apxRanges'))) return;

  const apxRanges: Middleware = async function apxRanges(ctx, next) {
    const header = ctx.req.headers.range;
    const { bucket, key } = ctx.params;
    // Only plain GET/HEAD Object: not part reads, ACLs, tagging or other sub-resources.
    if (header === undefined || !bucket || !key || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || SUB_RESOURCES.some((q) => q in ctx.query)) {
      return next();
    }
    let size: number;
    try {
      size = Number((await ctx.store.getMetadata(bucket, key))['content-length']);
    } catch {
      return next(); // no such key: s3rver's own answer
    }
    if (!Number.isSafeInteger(size) || size < 0) return next();
    const decision = resolveRange(header, size);
    if (decision.kind === 'unsatisfiable') {
      throw new S3Error('InvalidRange', 'The requested range is not satisfiable', { RangeRequested: header, ActualObjectSize: String(size) });
    }
    if (decision.kind === 'whole') delete ctx.req.headers.range;
    else ctx.req.headers.range = `bytes=${decision.start}-${decision.end}`;
    return next();
  };

  router.use('/:bucket/:key*', apxRanges);
  // After CORS, signature checks and header overrides (the signature covers the header as sent).
  const layer = router.stack.pop()!;
  const after = router.stack.findIndex((l) => l.stack.some((f) => f.name === 'responseHeaderOverride'));
  router.stack.splice(after + 1, 0, layer);
}
