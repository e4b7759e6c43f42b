import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, notFound } from '@/lib/core/errors';
import { partCountFor, partSizeFor } from '@/lib/core/uploads/part-size';

const uploadSelect = {
  id: true,
  fileId: true,
  userId: true,
  s3UploadId: true,
  objectKey: true,
  sizeBytes: true,
  state: true,
  updatedAt: true,
  file: { select: { id: true, versionId: true, status: true, format: true, architecture: true, provider: true, fileName: true } },
} as const;

/** The caller's own upload, or NOT_FOUND: nobody else's upload exists for them. */
export async function findOwnUpload(actor: Actor, uploadId: string) {
  if (!actor.id || !uploadId) throw notFound('That upload');
  const u = await db.upload.findFirst({ where: { id: uploadId, userId: actor.id }, select: uploadSelect });
  if (!u) throw notFound('That upload');
  const size = Number(u.sizeBytes);
  const partSize = partSizeFor(size);
  return { ...u, size, partSize, partCount: partCountFor(size, partSize) };
}

/** As findOwnUpload, and still accepting parts. */
export async function findOwnActiveUpload(actor: Actor, uploadId: string) {
  const u = await findOwnUpload(actor, uploadId);
  if (u.state === 'COMPLETED') throw conflict('This upload is complete already.');
  if (u.state === 'ABORTED') throw new AppError('GONE', 'This upload was aborted. Start a new one.');
  return u;
}

/** Marks activity so the clean-up job leaves a slow but living upload alone (at most once a minute). */
export async function touchUpload(uploadId: string) {
  await db.upload.updateMany({ where: { id: uploadId, state: 'ACTIVE', updatedAt: { lt: new Date(Date.now() - 60_000) } }, data: { updatedAt: new Date() } });
}
