import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, invalid } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { completeMultipartUpload, deleteObject, headObject } from '@/lib/server/storage/s3';
import { enqueue, QUEUES } from '@/lib/server/queue/boss';
import { inspectionKey } from '@/lib/server/files/requeue-stranded-inspections';
import { findOwnUpload } from '@/lib/server/uploads/own-upload';
import { gone } from '@/lib/server/uploads/upload-parts';
import { isNoSuchUpload, s3ErrorCode } from '@/lib/server/uploads/s3-errors';
import { formatBytes } from '@/lib/core/format';
import { metrics } from '@/lib/server/observability/metrics';
import type { CompleteUploadRequest } from '@/lib/core/publishing/api-schemas';

/** Asks the worker to verify a file; a failure to enqueue is caught by the sweep. */
export async function requestInspection(fileId: string) {
  try {
    await enqueue(QUEUES.inspectFile, { fileId }, { singletonKey: inspectionKey(fileId) });
  } catch (e) {
    console.error(`[uploads] could not enqueue the inspection of ${fileId}; the sweep will queue it again:`, e);
  }
}

/**
 * Finishes the caller's upload: S3 joins the parts, the server checks the object has exactly the
 * announced size, stores the browser's SHA-256 and queues the verification. Calling it again for a
 * completed upload answers the same (a client whose connection dropped may retry).
 */
export async function completeUpload(actor: Actor, uploadId: string, input: CompleteUploadRequest) {
  const u = await findOwnUpload(actor, uploadId);
  if (u.state === 'COMPLETED') {
    if (u.file.status === 'UPLOADING') throw conflict('This upload is being completed right now.');
    return { fileId: u.fileId, status: u.file.status };
  }
  if (u.state === 'ABORTED') throw new AppError('GONE', 'This upload was aborted. Start a new one.');

  const numbers = input.parts.map((p) => p.PartNumber);
  if (new Set(numbers).size !== numbers.length) throw invalid('Each part may be listed once.');
  const beyond = numbers.find((n) => n > u.partCount);
  if (beyond) throw invalid(`This upload has ${u.partCount} parts; part ${beyond} does not exist.`);

  try {
    await completeMultipartUpload(u.objectKey, u.s3UploadId, input.parts);
  } catch (e) {
    const again = await db.upload.findUnique({ where: { id: u.id }, select: { state: true } });
    if (again?.state === 'COMPLETED') return { fileId: u.fileId, status: 'PENDING' as const };
    if (isNoSuchUpload(e)) throw gone();
    const code = s3ErrorCode(e);
    if (code === 'InvalidPart' || code === 'InvalidPartOrder') {
      throw conflict('Storage does not hold every listed part with that ETag. List the uploaded parts, send the missing ones and complete again.');
    }
    if (code === 'EntityTooSmall') throw invalid('Every part except the last must be at least 5 MiB.');
    throw e;
  }

  const head = await headObject(u.objectKey);
  const actual = head?.size ?? 0;
  if (actual !== u.size) {
    const reason = `The uploaded object has ${formatBytes(actual)} (${actual} bytes) but ${u.size} bytes were announced; some parts are missing or the wrong size.`;
    await db.$transaction(async (tx) => {
      await tx.upload.update({ where: { id: u.id }, data: { state: 'COMPLETED', completedAt: new Date() } });
      await tx.applianceFile.update({
        where: { id: u.fileId },
        data: { status: 'REJECTED', rejectCode: 'SIZE_MISMATCH', rejectReason: reason, clientSha256: input.sha256, inspectedAt: new Date() },
      });
      await recordAudit({ actorId: actor.id, action: 'upload.complete', targetType: 'ApplianceFile', targetId: u.fileId, reason, data: { size: actual } }, tx);
    });
    await deleteObject(u.objectKey).catch(() => {});
    throw new AppError('INVALID', reason, { fields: { size: reason } });
  }

  const done = await db.$transaction(async (tx) => {
    const { count } = await tx.upload.updateMany({ where: { id: u.id, state: 'ACTIVE' }, data: { state: 'COMPLETED', completedAt: new Date() } });
    if (count === 0) return false;
    await tx.applianceFile.update({ where: { id: u.fileId }, data: { status: 'PENDING', clientSha256: input.sha256 } });
    await recordAudit({ actorId: actor.id, action: 'upload.complete', targetType: 'ApplianceFile', targetId: u.fileId, data: { size: actual, sha256: input.sha256 } }, tx);
    return true;
  });
  if (done) {
    metrics().uploads.inc();
    await requestInspection(u.fileId);
  }
  return { fileId: u.fileId, status: 'PENDING' as const };
}
