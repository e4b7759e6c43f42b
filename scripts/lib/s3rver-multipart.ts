// s3rver 3.7 implements only half of S3's multipart API: initiate, upload part, complete. Resuming
// an upload (ListParts), aborting it (AbortMultipartUpload) and finding abandoned ones
// (ListMultipartUploads) answer "not implemented", and completion trusts whatever parts it is
// given. This adds the missing operations on s3rver's own on-disk layout, and makes completion
// refuse missing parts and wrong ETags the way S3 does, so the embedded store behaves like the
// real ones the product also runs against.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

interface KoaContext {
  method: string;
  query: Record<string, string | string[] | undefined>;
  params: { bucket?: string; key?: string };
  body: unknown;
  status: number;
  store: FilesystemStore;
}
type Next = () => Promise<unknown>;
type Middleware = (ctx: KoaContext, next: Next) => Promise<unknown>;

interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putObjectMultipart(bucket: string, uploadId: string, parts: { number: number; etag: string }[]): Promise<{ md5: string; size: number }>;
}

interface Layer {
  stack: { name: string }[];
}
interface Router {
  stack: Layer[];
  use(path: string, middleware: Middleware): Router;
}

type S3ErrorCtor = new (code: string, message: string, detail?: Record<string, string>) => Error;

const UPLOAD_ID = /^[0-9a-f]{32}$/;

function uploadsDir(store: FilesystemStore, bucket: string): string {
  return store.getResourcePath(bucket, undefined, 'uploads');
}

async function readUpload(store: FilesystemStore, bucket: string, uploadId: string) {
  if (!UPLOAD_ID.test(uploadId)) return null;
  const dir = path.join(uploadsDir(store, bucket), uploadId);
  try {
    const key = await fs.readFile(path.join(dir, 'key'), 'utf8');
    const stat = await fs.stat(dir);
    return { dir, key, initiated: stat.birthtime.getTime() ? stat.birthtime : stat.mtime };
  } catch {
    return null;
  }
}

async function listParts(dir: string) {
  const names = await fs.readdir(dir);
  const numbers = names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  const parts = [];
  for (const n of numbers) {
    const file = path.join(dir, String(n));
    // A part still being written has no .md5 yet: it is not uploaded.
    const md5 = await fs.readFile(`${file}.md5`, 'utf8').catch(() => null);
    if (!md5) continue;
    const stat = await fs.stat(file);
    parts.push({ number: n, etag: md5.trim(), size: stat.size, lastModified: stat.mtime });
  }
  return parts;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Adds ListParts, AbortMultipartUpload and ListMultipartUploads to s3rver's router (idempotent). */
export function extendS3rverMultipart(): void {
  const router = require('s3rver/lib/routes.js') as Router;
  const S3Error = require('s3rver/lib/models/error.js') as S3ErrorCtor;
  const FilesystemStoreClass = require('s3rver/lib/stores/filesystem.js') as { prototype: FilesystemStore };
  if (router.stack.some((l) => l.stack.some((f) => f.name === 'apxMultipart'))) return;

  const originalComplete = FilesystemStoreClass.prototype.putObjectMultipart;
  FilesystemStoreClass.prototype.putObjectMultipart = async function checkedComplete(this: FilesystemStore, bucket, uploadId, parts) {
    const upload = await readUpload(this, bucket, uploadId);
    if (!upload) throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
    const stored = new Map((await listParts(upload.dir)).map((p) => [p.number, p]));
    let previous = 0;
    for (const [i, part] of parts.entries()) {
      if (part.number <= previous) throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order.');
      previous = part.number;
      const have = stored.get(part.number);
      if (!have || have.etag !== part.etag) {
        throw new S3Error('InvalidPart', 'One or more of the specified parts could not be found or its ETag did not match.', {
          PartNumber: String(part.number),
        });
      }
      if (i < parts.length - 1 && have.size < 5 * 1024 * 1024) {
        throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
          PartNumber: String(part.number),
        });
      }
    }
    return originalComplete.call(this, bucket, uploadId, parts);
  };

  const apxMultipart: Middleware = async function apxMultipart(ctx, next) {
    const bucket = ctx.params.bucket;
    const uploadId = one(ctx.query.uploadId);
    if (!bucket) return next();

    // ListMultipartUploads: GET /bucket?uploads
    if (ctx.method === 'GET' && !ctx.params.key && 'uploads' in ctx.query) {
      const dir = uploadsDir(ctx.store, bucket);
      const prefix = one(ctx.query.prefix) ?? '';
      const ids = await fs.readdir(dir).catch(() => [] as string[]);
      const uploads = [];
      for (const id of ids.sort()) {
        const upload = await readUpload(ctx.store, bucket, id);
        if (upload && upload.key.startsWith(prefix)) {
          uploads.push({ Key: upload.key, UploadId: id, Initiated: upload.initiated.toISOString(), StorageClass: 'STANDARD' });
        }
      }
      ctx.body = {
        ListMultipartUploadsResult: { Bucket: bucket, Prefix: prefix, MaxUploads: 1000, IsTruncated: false, Upload: uploads },
      };
      return;
    }

    if (!ctx.params.key || uploadId === undefined || 'partNumber' in ctx.query) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'DELETE') return next();

    const upload = await readUpload(ctx.store, bucket, uploadId);
    if (!upload || upload.key !== ctx.params.key) {
      throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
    }
    if (ctx.method === 'DELETE') {
      await fs.rm(upload.dir, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return;
    }
    const marker = Number(one(ctx.query['part-number-marker']) ?? 0) || 0;
    const max = Math.min(1000, Math.max(1, Number(one(ctx.query['max-parts']) ?? 1000) || 1000));
    const all = (await listParts(upload.dir)).filter((p) => p.number > marker);
    const page = all.slice(0, max);
    ctx.body = {
      ListPartsResult: {
        Bucket: bucket,
        Key: upload.key,
        UploadId: uploadId,
        PartNumberMarker: marker,
        NextPartNumberMarker: page.length ? page[page.length - 1].number : marker,
        MaxParts: max,
        IsTruncated: all.length > page.length,
        Part: page.map((p) => ({ PartNumber: p.number, LastModified: p.lastModified.toISOString(), ETag: `"${p.etag}"`, Size: p.size })),
      },
    };
  };

  router.use('/:bucket/:key*', apxMultipart);
  // Run after CORS, signature checks and header overrides, before s3rver's own routes.
  const layer = router.stack.pop()!;
  const after = router.stack.findIndex((l) => l.stack.some((f) => f.name === 'responseHeaderOverride'));
  router.stack.splice(after + 1, 0, layer);
}
