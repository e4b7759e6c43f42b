import 'server-only';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type Part,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import { objectStoreSettings, s3ClientConfig } from '@/lib/config/object-store';
import { contentDisposition } from '@/lib/core/http/content-disposition';

export { contentDisposition } from '@/lib/core/http/content-disposition';

// On globalThis in development (kept across hot reloads).
const globalForS3 = (process.env.NODE_ENV === 'production' ? {} : globalThis) as unknown as { s3?: { internal: S3Client; presigner: S3Client; bucket: string } };

/** The app's one S3 client, plus one that signs URLs with the endpoint browsers can reach. */
export function storage() {
  if (!globalForS3.s3) {
    const c = objectStoreSettings();
    const internal = new S3Client(s3ClientConfig(c.endpoint));
    const presigner = c.publicEndpoint && c.publicEndpoint !== c.endpoint ? new S3Client(s3ClientConfig(c.publicEndpoint)) : internal;
    globalForS3.s3 = { internal, presigner, bucket: c.bucket };
  }
  return globalForS3.s3;
}

export async function pingStorage(): Promise<void> {
  const { internal, bucket } = storage();
  await internal.send(new HeadBucketCommand({ Bucket: bucket }));
}

export async function presignDownload(key: string, fileName: string, expiresIn = 300): Promise<string> {
  const { presigner, bucket } = storage();
  return getSignedUrl(
    presigner,
    new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: contentDisposition(fileName) }),
    { expiresIn },
  );
}

export async function presignGet(key: string, expiresIn = 300): Promise<string> {
  const { presigner, bucket } = storage();
  return getSignedUrl(presigner, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}

export async function headObject(key: string) {
  const { internal, bucket } = storage();
  try {
    const out = await internal.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag };
  } catch (e) {
    if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
    throw e;
  }
}

export async function getObjectStream(key: string, range?: string, signal?: AbortSignal): Promise<Readable> {
  const { internal, bucket } = storage();
  const out = await internal.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }), { abortSignal: signal });
  const body = out.Body as Readable;
  // The signal ends the body too, not only the request: a stopping worker must not read on.
  if (signal) {
    const end = () => body.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) end();
    else signal.addEventListener('abort', end, { once: true });
    body.once('close', () => signal.removeEventListener('abort', end));
  }
  return body;
}

export async function putObject(key: string, body: Uint8Array | Buffer | string, contentType: string) {
  const { internal, bucket } = storage();
  await internal.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}

export async function deleteObject(key: string) {
  const { internal, bucket } = storage();
  await internal.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

// ─── Multipart (browser → S3 directly; the app only signs) ────────────────────

export async function createMultipartUpload(key: string, contentType: string, metadata?: Record<string, string>): Promise<string> {
  const { internal, bucket } = storage();
  const out = await internal.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType, Metadata: metadata }));
  if (!out.UploadId) throw new Error('S3 returned no UploadId');
  return out.UploadId;
}

export async function presignUploadPart(key: string, uploadId: string, partNumber: number, expiresIn = 3600) {
  const { presigner, bucket } = storage();
  return getSignedUrl(presigner, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }), {
    expiresIn,
  });
}

export async function listUploadedParts(key: string, uploadId: string): Promise<Part[]> {
  const { internal, bucket } = storage();
  const parts: Part[] = [];
  let marker: string | undefined;
  for (;;) {
    const out = await internal.send(
      new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker, MaxParts: 1000 }),
    );
    parts.push(...(out.Parts ?? []));
    if (!out.IsTruncated) break;
    marker = out.NextPartNumberMarker;
  }
  return parts;
}

export async function completeMultipartUpload(key: string, uploadId: string, parts: { PartNumber: number; ETag: string }[]) {
  const { internal, bucket } = storage();
  await internal.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: [...parts].sort((a, b) => a.PartNumber - b.PartNumber) },
    }),
  );
}

export async function abortMultipartUpload(key: string, uploadId: string) {
  const { internal, bucket } = storage();
  await internal.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
}
