import { checkRange } from '@/lib/core/inside/sources/memory-source';

/** One read never allocates more than this; the readers above read blocks and files in pieces. */
export const MAX_DISK_READ = 64 * 1024 * 1024;

/** Bytes [from, to) of one unit (cluster, grain), or null when the unit is unallocated (zeros). */
export type ReadUnit = (index: number, from: number, to: number) => Promise<Uint8Array | null>;

/** Turns a per-unit reader into byte-addressed reads over a virtual size. */
export function readUnits(size: number, unitSize: number, readUnit: ReadUnit) {
  return async (offset: number, length: number): Promise<Uint8Array> => {
    checkRange(offset, length);
    if (length > MAX_DISK_READ) throw new RangeError(`read of ${length} bytes is larger than ${MAX_DISK_READ}`);
    const end = Math.min(offset + length, size);
    if (end <= offset) return new Uint8Array(0);
    const out = new Uint8Array(end - offset);
    const jobs: Promise<void>[] = [];
    for (let pos = offset; pos < end; ) {
      const index = Math.floor(pos / unitSize);
      const from = pos - index * unitSize;
      const to = Math.min(unitSize, end - index * unitSize);
      const at = pos - offset;
      jobs.push(
        readUnit(index, from, to).then((bytes) => {
          if (bytes) out.set(bytes.subarray(0, to - from), at);
        }),
      );
      pos = index * unitSize + to;
    }
    await Promise.all(jobs);
    return out;
  };
}
