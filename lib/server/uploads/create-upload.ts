import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, invalid } from '@/lib/core/errors';
import { env } from '@/lib/config/env';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { abortMultipartUpload, createMultipartUpload, deleteObject, listUploadedParts } from '@/lib/server/storage/s3';
import { isNoSuchUpload } from '@/lib/server/uploads/s3-errors';
import { findOwnVersion } from '@/lib/server/appliances/own-appliance';
import { fileObjectKey } from '@/lib/core/files/object-key';
import { formatBytes, FORMAT_LABELS, ARCH_LABELS } from '@/lib/core/format';
import { ACCEPTED_CONTENT_TYPES, FORMAT_CONTENT_TYPES, VAGRANT_PROVIDERS, fileNameProblem } from '@/lib/core/uploads/file-types';
import { partCountFor, partSizeFor } from '@/lib/core/uploads/part-size';
import type { CreateUploadRequest, CreatedUpload } from '@/lib/core/publishing/api-schemas';

function slotLabel(format: string, architecture: string, provider: string) {
  return `${FORMAT_LABELS[format] ?? format} (${ARCH_LABELS[architecture] ?? architecture}${provider ? `, ${provider}` : ''})`;
}

/** An unfinished upload whose multipart upload S3 no longer knows (NoSuchUpload). */
async function isGhostUpload(file: { objectKey: string; upload: { s3UploadId: string; state: string } | null }): Promise<boolean> {
  // A completed one is being finished right now (its parts are joined already): not a ghost.
  if (file.upload?.state !== 'ACTIVE') return false;
  try {
    await listUploadedParts(file.objectKey, file.upload.s3UploadId);
    return false;
  } catch (e) {
    if (isNoSuchUpload(e)) return true;
    throw e;
  }
}

/**
 * Starts a multipart upload of one file into a version slot (format × architecture × provider).
 * The server chooses the object key, checks size, name and type, and creates the S3 upload; the
 * client then only ever gets URLs for parts of this one object.
 */
export async function createUpload(actor: Actor, input: CreateUploadRequest): Promise<CreatedUpload> {
  await enforceRateLimit(`upload:create:${actor.id}`, { window: 3600, max: 120 }, 'new uploads');
  const version = await findOwnVersion(actor, input.versionId, { id: true, status: true, version: true, applianceId: true });
  if (version.status === 'REVOKED') throw conflict(`Version ${version.version} was revoked; files cannot be added to it.`);

  const max = env().UPLOAD_MAX_BYTES;
  if (input.size > max) {
    throw new AppError('TOO_LARGE', `The file is ${formatBytes(input.size)}; files may be at most ${formatBytes(max)}.`, { fields: { size: 'Too large.' } });
  }
  const nameProblem = fileNameProblem(input.fileName, input.format);
  if (nameProblem) throw new AppError('UNSUPPORTED', nameProblem, { fields: { fileName: nameProblem } });
  const announced = (input.contentType ?? '').split(';')[0].trim();
  if (!ACCEPTED_CONTENT_TYPES.has(announced)) {
    throw new AppError('UNSUPPORTED', `Files of type ${announced} are not accepted; upload a disk image or appliance package.`, {
      fields: { contentType: 'Not an accepted type.' },
    });
  }
  const provider = input.provider ?? '';
  if (input.format !== 'VAGRANT_BOX' && provider) throw invalid('Only Vagrant boxes have a provider.', { provider: 'Leave empty for this format.' });
  if (provider && !(VAGRANT_PROVIDERS as readonly string[]).includes(provider)) {
    throw invalid(`Unknown Vagrant provider "${provider}".`, { provider: `Use one of ${VAGRANT_PROVIDERS.join(', ')}.` });
  }

  const slot = { versionId: version.id, format: input.format, architecture: input.architecture, provider };
  let existing = await db.applianceFile.findUnique({
    where: { versionId_format_architecture_provider: slot },
    select: { id: true, status: true, objectKey: true, fileName: true, upload: { select: { s3UploadId: true, state: true } } },
  });
  if (existing?.status === 'UPLOADING' && (await isGhostUpload(existing))) {
    // A row whose S3 upload is gone (a request cut between the two): it holds the slot for nothing.
    await db.applianceFile.deleteMany({ where: { id: existing.id, status: 'UPLOADING' } });
    existing = null;
  }
  if (existing) {
    if (existing.status === 'UPLOADING') {
      throw conflict(`An unfinished upload of ${existing.fileName} holds the ${slotLabel(input.format, input.architecture, provider)} slot: resume it or discard it first.`);
    }
    if (existing.status !== 'REJECTED') {
      throw conflict(`Version ${version.version} already has a ${slotLabel(input.format, input.architecture, provider)} file.`);
    }
    // A rejected file may be replaced: it was never downloadable.
    await db.applianceFile.deleteMany({ where: { id: existing.id, status: 'REJECTED' } });
    await deleteObject(existing.objectKey).catch(() => {});
  }

  const fileId = randomUUID().replaceAll('-', '');
  const key = fileObjectKey({ applianceId: version.applianceId, versionId: version.id, fileId, fileName: input.fileName });
  const partSize = partSizeFor(input.size);
  // The part size travels with the upload: the embedded S3 then writes parts in place (no copy on completion).
  const s3UploadId = await createMultipartUpload(key, FORMAT_CONTENT_TYPES[input.format], { 'apx-part-size': String(partSize) });
  try {
    const upload = await db.$transaction(async (tx) => {
      await tx.applianceFile.create({
        data: { id: fileId, ...slot, fileName: input.fileName, sizeBytes: BigInt(input.size), objectKey: key, status: 'UPLOADING' },
      });
      const row = await tx.upload.create({
        data: { fileId, userId: actor.id, s3UploadId, objectKey: key, sizeBytes: BigInt(input.size) },
        select: { id: true },
      });
      await recordAudit(
        { actorId: actor.id, action: 'upload.create', targetType: 'ApplianceFile', targetId: fileId, data: { ...slot, fileName: input.fileName, size: input.size } },
        tx,
      );
      return row;
    });
    return { uploadId: upload.id, fileId, key, s3UploadId, partSize, maxParts: partCountFor(input.size, partSize) };
  } catch (e) {
    await abortMultipartUpload(key, s3UploadId).catch(() => {});
    // The commit may have landed although its answer did not (a connection cut or timed out): then
    // the rows are removed too, or the next try finds them ghosts (isGhostUpload).
    await db.applianceFile.deleteMany({ where: { id: fileId, status: 'UPLOADING' } }).catch(() => {});
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw conflict(`Version ${version.version} already has a ${slotLabel(input.format, input.architecture, provider)} file.`);
    }
    throw e;
  }
}
