// How a file is cut into multipart parts. The server decides and tells the client (partSize);
// the browser's uploader and the CLI cut the same way, so resumed uploads line up part for part.

export const MiB = 1024 * 1024;
/** S3's smallest part (all but the last). */
export const MIN_PART_BYTES = 5 * MiB;
/** S3's largest part. */
export const MAX_PART_BYTES = 5 * 1024 * MiB;
/** S3's most parts per upload. */
export const MAX_PARTS = 10_000;
/** Small enough that a pause or a lost connection costs little, large enough to keep the pipe full. */
export const DEFAULT_PART_BYTES = 8 * MiB;
/** Up to here parts grow with the file (about 64 per file), so big files need fewer requests. */
export const LARGE_PART_BYTES = 64 * MiB;

const roundUpToMiB = (n: number) => Math.ceil(n / MiB) * MiB;

/**
 * Part size for a file of `size` bytes, in whole MiB: 8 MiB for files up to 512 MiB, then about a
 * 64th of the file up to 64 MiB parts (the browser sends a file's parts one after the other, so
 * fewer, larger parts mean fewer round trips), and beyond that whatever keeps within 10,000 parts.
 */
export function partSizeFor(size: number): number {
  const grown = Math.min(LARGE_PART_BYTES, Math.max(DEFAULT_PART_BYTES, roundUpToMiB(size / 64)));
  return Math.min(MAX_PART_BYTES, Math.max(grown, roundUpToMiB(size / MAX_PARTS)));
}

/** Number of parts a file of `size` bytes is cut into (at least one). */
export function partCountFor(size: number, partSize = partSizeFor(size)): number {
  return Math.max(1, Math.ceil(size / partSize));
}

/** Byte length of part `partNumber` (1-based). */
export function partLength(size: number, partNumber: number, partSize = partSizeFor(size)): number {
  const start = (partNumber - 1) * partSize;
  return Math.max(0, Math.min(partSize, size - start));
}
