import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { abortMultipartUpload } from '@/lib/server/storage/s3';
import { findOwnUpload } from '@/lib/server/uploads/own-upload';
import { isNoSuchUpload } from '@/lib/server/uploads/s3-errors';

/** Abandons the caller's unfinished upload: S3 drops its parts and the slot is free again. */
export async function abortUpload(actor: Actor, uploadId: string) {
  const u = await findOwnUpload(actor, uploadId);
  if (u.state === 'COMPLETED') throw conflict('This upload is complete; remove the file instead.');
  try {
    await abortMultipartUpload(u.objectKey, u.s3UploadId);
  } catch (e) {
    if (!isNoSuchUpload(e)) throw e;
  }
  // The file row goes with its upload (cascade); only while it is still uploading.
  await db.applianceFile.deleteMany({ where: { id: u.fileId, status: 'UPLOADING' } });
  await recordAudit({ actorId: actor.id, action: 'upload.abort', targetType: 'ApplianceFile', targetId: u.fileId });
}
