// SHA-256 of a file as the browser reads it: slice by slice through hash-wasm's incremental
// hasher, so a 50 GiB image never sits in memory; the server compares it with its own digest.
import { createSHA256 } from 'hash-wasm';

const SLICE_BYTES = 8 * 1024 * 1024;

export async function sha256OfBlob(blob: Blob, options: { onProgress?: (bytesRead: number) => void; signal?: AbortSignal; sliceBytes?: number } = {}): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  const step = options.sliceBytes ?? SLICE_BYTES;
  for (let offset = 0; offset < blob.size; offset += step) {
    options.signal?.throwIfAborted();
    const end = Math.min(blob.size, offset + step);
    hasher.update(new Uint8Array(await blob.slice(offset, end).arrayBuffer()));
    options.onProgress?.(end);
  }
  return hasher.digest('hex');
}
