import 'server-only';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, invalid } from '@/lib/core/errors';
import { listUploadedParts, presignUploadPart } from '@/lib/server/storage/s3';
import { findOwnActiveUpload, touchUpload } from '@/lib/server/uploads/own-upload';
import { isNoSuchUpload } from '@/lib/server/uploads/s3-errors';

export const gone = () => new AppError('GONE', 'This upload no longer exists in storage (it was aborted or expired). Start the upload again.');

/** The parts S3 already holds for the caller's upload: what a resumed upload need not send again. */
export async function listOwnUploadParts(actor: Actor, uploadId: string) {
  const u = await findOwnActiveUpload(actor, uploadId);
  try {
    const parts = await listUploadedParts(u.objectKey, u.s3UploadId);
    await touchUpload(u.id);
    return parts
      .flatMap((p) => (p.PartNumber && p.ETag ? [{ PartNumber: p.PartNumber, ETag: p.ETag, Size: p.Size ?? 0 }] : []))
      .sort((a, b) => a.PartNumber - b.PartNumber);
  } catch (e) {
    if (isNoSuchUpload(e)) throw gone();
    throw e;
  }
}

/** A presigned PUT URL for one part of the caller's upload. */
export async function signUploadPart(actor: Actor, uploadId: string, partNumber: number) {
  const u = await findOwnActiveUpload(actor, uploadId);
  if (partNumber > u.partCount) throw invalid(`This upload has ${u.partCount} part${u.partCount === 1 ? '' : 's'}; part ${partNumber} does not exist.`);
  await touchUpload(u.id);
  return { url: await presignUploadPart(u.objectKey, u.s3UploadId, partNumber) };
}
