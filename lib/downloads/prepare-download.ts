import 'server-only';
import type { Actor } from '@/lib/auth/roles';
import { findFile } from '@/lib/catalog/listing-access';
import { notFound } from '@/lib/errors';
import { presignDownload } from '@/lib/storage/s3';

/** Seconds a handed-out download URL stays valid: long enough to start, too short to share. */
export const DOWNLOAD_URL_TTL = 300;

export interface DownloadTarget {
  url: string;
  fileId: string;
  applianceId: string;
}

/**
 * Where the caller's download of a file comes from: a short-lived presigned GET on the object
 * store (which serves Range requests, so downloads resume), named after the file. Files the
 * caller may not download are "not found", like files that do not exist.
 */
export async function prepareDownload(actor: Actor | null, fileId: string): Promise<DownloadTarget> {
  const access = await findFile(actor, fileId);
  if (!access?.downloadable) throw notFound('That file');
  const url = await presignDownload(access.file.objectKey, access.file.fileName, DOWNLOAD_URL_TTL);
  return { url, fileId: access.file.id, applianceId: access.applianceId };
}
