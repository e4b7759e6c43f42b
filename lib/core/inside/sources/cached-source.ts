import type { ByteSource } from '@/lib/core/inside/types';
import { checkRange } from './memory-source';

export interface CachedSourceOptions {
  /** Bytes per block (a power of two is best); default 64 KiB. */
  blockSize?: number;
  /** Blocks kept (LRU); memory is bounded by blockSize × maxBlocks. Default 256 (16 MiB). */
  maxBlocks?: number;
  /** Extra blocks fetched after a miss, for sequential readers over high-latency sources. */
  readAheadBlocks?: number;
}

export interface CachedSource extends ByteSource {
  /** Bytes fetched from the inner source so far. */
  bytesFetched(): number;
  /** Requests sent to the inner source so far. */
  requests(): number;
}

/**
 * A bounded LRU block cache in front of a slow source (S3, HTTP). Adjacent missing blocks are
 * fetched in one request, concurrent readers of the same block share one request.
 */
export function cachedSource(inner: ByteSource, options: CachedSourceOptions = {}): CachedSource {
  const blockSize = options.blockSize ?? 64 * 1024;
  const maxBlocks = Math.max(1, options.maxBlocks ?? 256);
  const readAhead = Math.max(0, options.readAheadBlocks ?? 0);
  const lastBlock = Math.max(0, Math.ceil(inner.size / blockSize) - 1);
  const blocks = new Map<number, Uint8Array>();
  const pending = new Map<number, Promise<Uint8Array>>();
  let fetched = 0;
  let requestCount = 0;

  function remember(index: number, data: Uint8Array) {
    blocks.delete(index);
    blocks.set(index, data);
    while (blocks.size > maxBlocks) {
      const oldest = blocks.keys().next().value as number;
      blocks.delete(oldest);
    }
  }

  function fetchRun(first: number, count: number): void {
    const run = (async () => {
      requestCount++;
      const bytes = await inner.read(first * blockSize, count * blockSize);
      fetched += bytes.length;
      return bytes;
    })();
    for (let i = 0; i < count; i++) {
      const index = first + i;
      const p = run.then((bytes) => {
        const data = bytes.slice(i * blockSize, (i + 1) * blockSize);
        remember(index, data);
        return data;
      });
      p.catch(() => undefined).finally(() => pending.delete(index));
      pending.set(index, p);
    }
  }

  function block(index: number): Promise<Uint8Array> | Uint8Array {
    const hit = blocks.get(index);
    if (hit) {
      blocks.delete(index);
      blocks.set(index, hit);
      return hit;
    }
    return pending.get(index)!;
  }

  return {
    size: inner.size,
    name: inner.name,
    bytesFetched: () => fetched,
    requests: () => requestCount,
    async read(offset, length) {
      checkRange(offset, length);
      const end = Math.min(offset + length, inner.size);
      if (end <= offset) return new Uint8Array(0);
      const first = Math.floor(offset / blockSize);
      const last = Math.floor((end - 1) / blockSize);
      // Start every missing run before awaiting any, so they go out together.
      for (let i = first; i <= last; ) {
        if (blocks.has(i) || pending.has(i)) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 <= last && !blocks.has(j + 1) && !pending.has(j + 1)) j++;
        if (j === last) {
          let ahead = 0;
          while (ahead < readAhead && j + 1 <= lastBlock && !blocks.has(j + 1) && !pending.has(j + 1)) {
            j++;
            ahead++;
          }
        }
        fetchRun(i, j - i + 1);
        i = j + 1;
      }
      const parts: (Promise<Uint8Array> | Uint8Array)[] = [];
      for (let i = first; i <= last; i++) parts.push(block(i));
      const out = new Uint8Array(end - offset);
      let at = 0;
      for (let i = first; i <= last; i++) {
        const data = await parts[i - first];
        const from = i === first ? offset - first * blockSize : 0;
        const piece = data.subarray(from, Math.min(data.length, from + (end - offset - at)));
        out.set(piece, at);
        at += piece.length;
        if (data.length < blockSize) break;
      }
      return at === out.length ? out : out.subarray(0, at);
    },
  };
}
