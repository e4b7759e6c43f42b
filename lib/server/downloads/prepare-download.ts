import 'server-only';
import type { Actor } from '@/lib/core/auth/roles';
import { findFile } from '@/lib/server/catalog/listing-access';
import { downloadUrl } from '@/lib/core/downloads/download-url';
import { notFound } from '@/lib/core/errors';
import { presignDownload } from '@/lib/server/storage/s3';

export { DOWNLOAD_URL_TTL } from '@/lib/core/downloads/download-url';

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
  const url = await downloadUrl(access.file.objectKey, access.file.fileName, presignDownload);
  return { url, fileId: access.file.id, applianceId: access.applianceId };
}
