/** Seconds a handed-out download URL stays valid: long enough to start, too short to share. */
export const DOWNLOAD_URL_TTL = 300;

/** Signs a GET of one object, named after the file, valid for `expiresIn` seconds. */
export type SignDownload = (objectKey: string, fileName: string, expiresIn: number) => Promise<string>;

// Signing costs about a millisecond of CPU: a URL handed out is reused for a minute (it stays
// valid for four more). Only ever after the caller's access was checked; keyed by object and name.
// On globalThis, so the route (Next.js's bundle) and the download edge (plain Node) share it.
const REUSE_MS = 60_000;
const globalForPresign = globalThis as unknown as { downloadUrls?: Map<string, { url: string; until: number }> };
const presigned = (globalForPresign.downloadUrls ??= new Map());

/** The presigned URL of a file the caller may download: a recent one for the same file, or a new one. */
export async function downloadUrl(objectKey: string, fileName: string, sign: SignDownload): Promise<string> {
  const key = `${objectKey}\u0000${fileName}`;
  const now = Date.now();
  const hit = presigned.get(key);
  if (hit && hit.until > now) return hit.url;
  const url = await sign(objectKey, fileName, DOWNLOAD_URL_TTL);
  if (presigned.size > 10_000) presigned.clear();
  presigned.set(key, { url, until: now + REUSE_MS });
  return url;
}
