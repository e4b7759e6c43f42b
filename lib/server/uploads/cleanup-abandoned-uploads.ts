import 'server-only';
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { db } from '@/lib/server/db';
import { storage, abortMultipartUpload } from '@/lib/server/storage/s3';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { requeueStrandedInspections } from '@/lib/server/files/requeue-stranded-inspections';
import { isNoSuchUpload } from '@/lib/server/uploads/s3-errors';

const HOUR = 3_600_000;

/** Multipart uploads under our key prefix that S3 still holds, oldest first. */
async function listStorageUploads(prefix: string) {
  const { internal, bucket } = storage();
  const out: { key: string; uploadId: string; initiated: Date }[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await internal.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
    for (const u of res.Uploads ?? []) {
      if (u.Key && u.UploadId) out.push({ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated ?? new Date(0) });
    }
    if (!res.IsTruncated) break;
    keyMarker = res.NextKeyMarker;
    uploadIdMarker = res.NextUploadIdMarker;
  }
  return out;
}

/**
 * The clean-up job's work: multipart uploads untouched for longer than the TTL are aborted in S3
 * and their rows removed; uploads S3 holds under our prefix that no row knows (a crash between
 * creating and recording one) are aborted too; files stuck waiting for inspection are queued again.
 */
export async function cleanupAbandonedUploads(options: {
  ttlHours: number;
  now?: Date;
  log?: (m: string) => void;
  /** Only this user's uploads (support tooling, tests); the job cleans everyone's. */
  userId?: string;
  /** Where to look for uploads no row knows; default all of ours. */
  prefix?: string;
}) {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.ttlHours * HOUR);
  const log = options.log ?? (() => {});

  let expired = 0;
  const stale = await db.upload.findMany({
    where: { state: 'ACTIVE', updatedAt: { lt: cutoff }, ...(options.userId ? { userId: options.userId } : {}) },
    select: { id: true, fileId: true, objectKey: true, s3UploadId: true, userId: true },
    take: 1000,
  });
  for (const u of stale) {
    try {
      await abortMultipartUpload(u.objectKey, u.s3UploadId);
    } catch (e) {
      if (!isNoSuchUpload(e)) {
        log(`could not abort ${u.objectKey}: ${(e as Error).message}`);
        continue;
      }
    }
    const { count } = await db.applianceFile.deleteMany({ where: { id: u.fileId, status: 'UPLOADING', upload: { state: 'ACTIVE', updatedAt: { lt: cutoff } } } });
    if (count) {
      expired++;
      await recordAudit({ actorId: null, action: 'upload.expire', targetType: 'ApplianceFile', targetId: u.fileId, data: { userId: u.userId } });
    }
  }

  let orphans = 0;
  try {
    const known = new Set((await db.upload.findMany({ where: { state: 'ACTIVE' }, select: { s3UploadId: true } })).map((u) => u.s3UploadId));
    for (const s of await listStorageUploads(options.prefix ?? 'appliances/')) {
      if (known.has(s.uploadId) || s.initiated >= cutoff) continue;
      const { internal, bucket } = storage();
      await internal.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: s.key, UploadId: s.uploadId })).catch(() => {});
      orphans++;
    }
  } catch (e) {
    // Some S3-compatible stores do not list multipart uploads; the rows above are the main work.
    log(`listing multipart uploads failed: ${(e as Error).message}`);
  }

  // The minute sweep does this too; here for callers of the clean-up alone (support tooling).
  const { requeued } = await requeueStrandedInspections({ now, graceMs: 15 * 60_000, log });

  return { expired, orphans, requeued: requeued.length };
}
