import 'server-only';

/** The S3 error code of a failed SDK call (NoSuchUpload, InvalidPart, …), or null. */
export function s3ErrorCode(e: unknown): string | null {
  if (!e || typeof e !== 'object') return null;
  const name = (e as { name?: unknown; Code?: unknown }).Code ?? (e as { name?: unknown }).name;
  return typeof name === 'string' ? name : null;
}

export function isNoSuchUpload(e: unknown): boolean {
  const code = s3ErrorCode(e);
  const status = (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return code === 'NoSuchUpload' || (status === 404 && code !== 'NoSuchBucket');
}
