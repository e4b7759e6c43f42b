import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/roles';
import { notFound } from '@/lib/errors';
import { presignDownload } from '@/lib/storage/s3';
import { anonymousFileName } from '@/lib/challenges/logic/entry-code';

/**
 * A judge's download of an assigned entry's verified file: a short-lived presigned GET whose
 * Content-Disposition names the file by the entry code in blind mode (the original name often
 * carries the publisher's). Anything not assigned to the caller is simply not found. Judges'
 * downloads are not counted as the appliance's downloads.
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
              files: { where: { id: fileId, status: 'VERIFIED' }, select: { objectKey: true, fileName: true, format: true, provider: true } },
            },
          },
        },
      },
    },
  });
  const file = found?.entry.version.files[0];
  if (!found || !file) throw notFound('That file');
  const fileName = found.challenge.blind
    ? anonymousFileName({ entryId, version: found.entry.version.version, format: file.format, provider: file.provider, fileName: file.fileName })
    : file.fileName;
  return { url: await presignDownload(file.objectKey, fileName), fileName };
}
