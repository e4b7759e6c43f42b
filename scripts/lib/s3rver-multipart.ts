// s3rver 3.7 implements only half of S3's multipart API: initiate, upload part, complete. Resuming
// an upload (ListParts), aborting it (AbortMultipartUpload) and finding abandoned ones
// (ListMultipartUploads) answer "not implemented", and completion trusts whatever parts it is
// given. This adds the missing operations on s3rver's own on-disk layout, and makes completion
// refuse missing parts and wrong ETags the way S3 does, so the embedded store behaves like the
// real ones the product also runs against.
//
// It also makes multipart uploads as cheap as on S3. s3rver keeps each part in a file and, on
// completion, copies them all into the object and hashes it again: every byte written twice.
// When the upload was created with `x-amz-meta-apx-part-size: P` (the app does this), a part of at
// most P bytes is written straight into one assembly file at offset (n-1)×P, and completing parts
// 1..k of exactly P bytes (the last at most P) is a truncate and a rename. Other parts fall back to
// a file of their own and a copy. The object's ETag is S3's multipart one: md5 of the part digests, -k.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';

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
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putPart(bucket: string, uploadId: string, partNumber: number | string, content: IncomingMessage): Promise<{ size: number; md5: string }>;
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
type S3ObjectCtor = new (bucket: string, key: string, content: null, metadata: Record<string, string>) => { metadata: Record<string, string> };

const UPLOAD_ID = /^[0-9a-f]{32}$/;
const ASSEMBLY = 'assembly';
const MIN_PART = 5 * 1024 * 1024;

function uploadsDir(store: FilesystemStore, bucket: string): string {
  return store.getResourcePath(bucket, undefined, 'uploads');
}

type Upload = NonNullable<Awaited<ReturnType<typeof loadUpload>>>;
// What initiation wrote never changes: keep it, so each part costs no extra reads.
const known = new Map<string, Upload>();

async function readUpload(store: FilesystemStore, bucket: string, uploadId: string): Promise<Upload | null> {
  if (!UPLOAD_ID.test(uploadId)) return null;
  const cached = known.get(`${bucket}/${uploadId}`);
  if (cached) return cached;
  const upload = await loadUpload(store, bucket, uploadId);
  if (upload) known.set(`${bucket}/${uploadId}`, upload);
  return upload;
}

function forgetUpload(bucket: string, uploadId: string) {
  known.delete(`${bucket}/${uploadId}`);
}

async function loadUpload(store: FilesystemStore, bucket: string, uploadId: string) {
  const dir = path.join(uploadsDir(store, bucket), uploadId);
  try {
    const key = await fs.readFile(path.join(dir, 'key'), 'utf8');
    const stat = await fs.stat(dir);
    const metadata = JSON.parse(await fs.readFile(path.join(dir, 'metadata'), 'utf8').catch(() => '{}')) as Record<string, string>;
    const partSize = Number(metadata['x-amz-meta-apx-part-size']);
    return {
      dir,
      key,
      metadata,
      partSize: Number.isSafeInteger(partSize) && partSize >= MIN_PART ? partSize : 0,
      assemblyReady: false,
      initiated: stat.birthtime.getTime() ? stat.birthtime : stat.mtime,
    };
  } catch {
    return null;
  }
}

interface StoredPart {
  number: number;
  etag: string;
  size: number;
  lastModified: Date;
  /** Where its bytes are: inside the assembly file, or in a file of its own. */
  at: { file: string; offset: number };
}

async function listParts(dir: string): Promise<StoredPart[]> {
  const names = await fs.readdir(dir);
  const numbers = names
    .map((n) => /^(\d+)\.md5$/.exec(n)?.[1])
    .filter((n): n is string => !!n)
    .map(Number)
    .sort((a, b) => a - b);
  const parts: StoredPart[] = [];
  for (const n of numbers) {
    // The .md5 is written last: a part without one is still arriving and does not count.
    const md5 = await fs.readFile(path.join(dir, `${n}.md5`), 'utf8').catch(() => null);
    if (!md5) continue;
    const placed = await fs.readFile(path.join(dir, `${n}.at`), 'utf8').catch(() => null);
    if (placed) {
      const [offset, size] = placed.split(' ').map(Number);
      const stat = await fs.stat(path.join(dir, `${n}.md5`));
      parts.push({ number: n, etag: md5.trim(), size, lastModified: stat.mtime, at: { file: path.join(dir, ASSEMBLY), offset } });
    } else {
      const stat = await fs.stat(path.join(dir, String(n))).catch(() => null);
      if (stat) parts.push({ number: n, etag: md5.trim(), size: stat.size, lastModified: stat.mtime, at: { file: path.join(dir, String(n)), offset: 0 } });
    }
  }
  return parts;
}

/** Streams a request body into a file at an offset, returning its size and MD5. */
async function writeAt(content: IncomingMessage, file: string, start: number, flags: string) {
  const md5 = createHash('md5');
  let size = 0;
  await pipeline(
    content,
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    }),
    createWriteStream(file, { flags, start }),
  );
  return { size, md5: md5.digest('hex') };
}

async function copyRange(from: { file: string; offset: number }, size: number, out: fs.FileHandle, buffer: Buffer) {
  const input = await fs.open(from.file, 'r');
  try {
    let done = 0;
    while (done < size) {
      const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, size - done), from.offset + done);
      if (bytesRead === 0) throw new Error(`part data ends early in ${from.file}`);
      await out.write(buffer, 0, bytesRead);
      done += bytesRead;
    }
  } finally {
    await input.close();
  }
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Adds ListParts, AbortMultipartUpload and ListMultipartUploads to s3rver, and S3-like parts and completion (idempotent). */
export function extendS3rverMultipart(): void {
  const router = require('s3rver/lib/routes.js') as Router;
  const S3Error = require('s3rver/lib/models/error.js') as S3ErrorCtor;
  const S3Object = require('s3rver/lib/models/object.js') as S3ObjectCtor;
  const FilesystemStoreClass = require('s3rver/lib/stores/filesystem.js') as { prototype: FilesystemStore };
  if (router.stack.some((l) => l.stack.some((f) => f.name === 'apxMultipart'))) return;

  const noSuchUpload = (uploadId: string) => new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });

  FilesystemStoreClass.prototype.putPart = async function putPartInPlace(this: FilesystemStore, bucket, uploadId, partNumber, content) {
    const upload = await readUpload(this, bucket, uploadId);
    if (!upload) throw noSuchUpload(uploadId);
    const n = Number(partNumber);
    const length = Number(content.headers['content-length']);
    const base = path.join(upload.dir, String(n));
    // A part sent again replaces the earlier one: its digest goes first, so a failure leaves none stale.
    await fs.rm(`${base}.md5`, { force: true });
    let written: { size: number; md5: string };
    if (upload.partSize && Number.isSafeInteger(length) && length > 0 && length <= upload.partSize) {
      const offset = (n - 1) * upload.partSize;
      const assembly = path.join(upload.dir, ASSEMBLY);
      // Created once without truncating; parts, arriving in parallel, then write in place ('r+').
      if (!upload.assemblyReady) {
        await (await fs.open(assembly, 'a')).close();
        upload.assemblyReady = true;
      }
      written = await writeAt(content, assembly, offset, 'r+');
      await Promise.all([fs.writeFile(`${base}.at`, `${offset} ${written.size}`), fs.rm(base, { force: true })]);
    } else {
      written = await writeAt(content, base, 0, 'w');
      await fs.rm(`${base}.at`, { force: true });
    }
    await fs.writeFile(`${base}.md5`, written.md5);
    return written;
  };

  FilesystemStoreClass.prototype.putObjectMultipart = async function completeLikeS3(this: FilesystemStore, bucket, uploadId, parts) {
    const upload = await readUpload(this, bucket, uploadId);
    if (!upload) throw noSuchUpload(uploadId);
    const stored = new Map((await listParts(upload.dir)).map((p) => [p.number, p]));
    const chosen: StoredPart[] = [];
    for (const [i, part] of parts.entries()) {
      if (i > 0 && part.number <= parts[i - 1].number) throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order.');
      const have = stored.get(part.number);
      if (!have || have.etag !== part.etag) {
        throw new S3Error('InvalidPart', 'One or more of the specified parts could not be found or its ETag did not match.', { PartNumber: String(part.number) });
      }
      if (i < parts.length - 1 && have.size < MIN_PART) {
        throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', { PartNumber: String(part.number) });
      }
      chosen.push(have);
    }
    const object = new S3Object(bucket, upload.key, null, upload.metadata);
    const objectPath = this.getResourcePath(bucket, upload.key, 'object');
    await fs.mkdir(path.dirname(objectPath), { recursive: true });
    const size = chosen.reduce((sum, p) => sum + p.size, 0);
    const assembly = path.join(upload.dir, ASSEMBLY);
    // Parts 1..k, each in place in the assembly file and all but the last full: it is the object already.
    const inPlace = chosen.every((p, i) => p.number === i + 1 && p.at.file === assembly && (i === chosen.length - 1 || p.size === upload.partSize));
    if (inPlace) {
      await fs.truncate(assembly, size);
      await fs.rename(assembly, objectPath);
    } else {
      const partial = `${objectPath}.${uploadId}.partial`;
      const out = await fs.open(partial, 'w');
      const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
      try {
        for (const p of chosen) await copyRange(p.at, p.size, out, buffer);
      } finally {
        await out.close();
      }
      await fs.rename(partial, objectPath);
    }
    const digests = Buffer.concat(parts.map((p) => Buffer.from(p.etag, 'hex')));
    const md5 = `${createHash('md5').update(digests).digest('hex')}-${parts.length}`;
    await this.putMetadata(bucket, upload.key, object.metadata, md5);
    forgetUpload(bucket, uploadId);
    await fs.rm(upload.dir, { recursive: true, force: true });
    return { md5, size };
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
    if (!upload || upload.key !== ctx.params.key) throw noSuchUpload(uploadId);
    if (ctx.method === 'DELETE') {
      forgetUpload(bucket, uploadId);
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
