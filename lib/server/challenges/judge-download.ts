import 'server-only';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { headObject, presignDownload, storage } from '@/lib/server/storage/s3';
import { anonymousFileName } from '@/lib/core/challenges/logic/entry-code';

/**
 * A judge's download of an assigned entry's verified file: a short-lived presigned GET. Anything
 * not assigned to the caller is simply not found. Judges' downloads are not counted as the
 * appliance's downloads.
 *
 * Blind mode: the Content-Disposition name is the entry code, and since the stored object's key
 * contains the uploaded file name (which often carries the publisher's), the judge is sent to a
 * server-side copy under an anonymous key, made on the first download (S3 copies; no bytes
 * pass through the app).
 */
export async function getJudgeDownloadUrl(actor: Actor, entryId: string, fileId: string): Promise<{ url: string; fileName: string }> {
  if (!actor.roles.includes('JUDGE')) throw notFound('That file');
  const found = await db.assignment.findFirst({
    where: { entryId, judgeId: actor.id, challenge: { state: { in: ['JUDGING', 'RESULTS', 'ARCHIVED'] } } },
    select: {
      challenge: { select: { blind: true } },
      entry: {
        select: {
          version: {
            select: {
              version: true,
              files: { where: { id: fileId, status: 'VERIFIED' }, select: { id: true, objectKey: true, fileName: true, format: true, provider: true, sizeBytes: true } },
            },
          },
        },
      },
    },
  });
  const file = found?.entry.version.files[0];
  if (!found || !file) throw notFound('That file');
  if (!found.challenge.blind) return { url: await presignDownload(file.objectKey, file.fileName), fileName: file.fileName };
  const fileName = anonymousFileName({ entryId, version: found.entry.version.version, format: file.format, provider: file.provider, fileName: file.fileName });
  const key = `judging/${entryId}/${file.id}/${fileName}`;
  if (!(await headObject(key))) await copyObject(file.objectKey, key, Number(file.sizeBytes));
  return { url: await presignDownload(key, fileName), fileName };
}

/** S3's single copy goes up to 5 GiB; larger objects are copied in parts (UploadPartCopy). */
const SINGLE_COPY_MAX = 5 * 1024 ** 3;
const PART = 512 * 1024 ** 2;

async function copyObject(from: string, to: string, size: number) {
  const { internal, bucket } = storage();
  const source = `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
  if (size <= SINGLE_COPY_MAX) {
    await internal.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: source }));
    return;
  }
  const { UploadId } = await internal.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: to }));
  const parts: { PartNumber: number; ETag: string }[] = [];
  for (let start = 0, n = 1; start < size; start += PART, n++) {
    const end = Math.min(size, start + PART) - 1;
    const out = await internal.send(
      new UploadPartCopyCommand({ Bucket: bucket, Key: to, UploadId, PartNumber: n, CopySource: source, CopySourceRange: `bytes=${start}-${end}` }),
    );
    parts.push({ PartNumber: n, ETag: out.CopyPartResult?.ETag ?? '' });
  }
  await internal.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }));
}
