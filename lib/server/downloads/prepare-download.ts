import 'server-only';
import type { Actor } from '@/lib/core/auth/roles';
import { findFile, type FileAccess } from '@/lib/server/catalog/listing-access';
import { notFound } from '@/lib/core/errors';
import { presignDownload } from '@/lib/server/storage/s3';

/** Seconds a handed-out download URL stays valid: long enough to start, too short to share. */
export const DOWNLOAD_URL_TTL = 300;

export interface DownloadTarget {
  url: string;
  fileId: string;
  applianceId: string;
}

// Signing costs about a millisecond of CPU: a URL handed out is reused for a minute (it stays
// valid for four more). Only ever after the caller's access was checked; keyed by object and name.
const REUSE_MS = 60_000;
const globalForPresign = globalThis as unknown as { downloadUrls?: Map<string, { url: string; until: number }> };
const presigned = (globalForPresign.downloadUrls ??= new Map());

async function downloadUrl(objectKey: string, fileName: string): Promise<string> {
  const key = `${objectKey}\u0000${fileName}`;
  const now = Date.now();
  const hit = presigned.get(key);
  if (hit && hit.until > now) return hit.url;
  const url = await presignDownload(objectKey, fileName, DOWNLOAD_URL_TTL);
  if (presigned.size > 10_000) presigned.clear();
  presigned.set(key, { url, until: now + REUSE_MS });
  return url;
}

/**
 * Where the caller's download of a file comes from: a short-lived presigned GET on the object
 * store (which serves Range requests, so downloads resume), named after the file. Files the
 * caller may not download are "not found", like files that do not exist.
 */
export async function prepareDownload(
  actor: Actor | null,
  fileId: string,
  find: (actor: Actor | null, fileId: string) => Promise<FileAccess | null> = findFile,
): Promise<DownloadTarget> {
  const access = await find(actor, fileId);
  if (!access?.downloadable) throw notFound('That file');
  const url = await downloadUrl(access.file.objectKey, access.file.fileName);
  return { url, fileId: access.file.id, applianceId: access.applianceId };
}
