import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { partCountFor, partSizeFor } from '@/lib/core/uploads/part-size';
import type { UnfinishedUpload } from '@/lib/core/publishing/api-schemas';

/** The caller's uploads still open in S3, newest first, optionally of one version: what a page can resume. */
export async function listUnfinishedUploads(actor: Actor, filter: { versionId?: string } = {}): Promise<UnfinishedUpload[]> {
  const rows = await db.upload.findMany({
    where: { userId: actor.id, state: 'ACTIVE', ...(filter.versionId ? { file: { versionId: filter.versionId } } : {}) },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: {
      id: true,
      s3UploadId: true,
      objectKey: true,
      sizeBytes: true,
      createdAt: true,
      updatedAt: true,
      file: { select: { id: true, versionId: true, format: true, architecture: true, provider: true, fileName: true } },
    },
  });
  return rows.map((r) => {
    const size = Number(r.sizeBytes);
    const partSize = partSizeFor(size);
    return {
      uploadId: r.id,
      fileId: r.file.id,
      versionId: r.file.versionId,
      format: r.file.format,
      architecture: r.file.architecture,
      provider: r.file.provider,
      fileName: r.file.fileName,
      size,
      partSize,
      maxParts: partCountFor(size, partSize),
      key: r.objectKey,
      s3UploadId: r.s3UploadId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
