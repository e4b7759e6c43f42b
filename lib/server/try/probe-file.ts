import 'server-only';
import { cachedSource } from '@/lib/core/inside/sources/cached-source';
import { getObjectStream } from '@/lib/server/storage/s3';
import type { DiskProbe } from '@/lib/core/try/browser-trial';
import { probeTryDisk } from '@/lib/core/try/open-try-disk';

/** A stored object read by Range GETs, each read bounded by what was asked. */
function objectSource(objectKey: string, size: number) {
  return {
    size,
    name: 'the file',
    async read(offset: number, length: number): Promise<Uint8Array> {
      const end = Math.min(size, offset + length) - 1;
      if (end < offset) return new Uint8Array(0);
      const stream = await getObjectStream(objectKey, `bytes=${offset}-${end}`);
      const out = new Uint8Array(end - offset + 1);
      let at = 0;
      for await (const chunk of stream as AsyncIterable<Uint8Array>) {
        const n = Math.min(chunk.length, out.length - at);
        out.set(chunk.subarray(0, n), at);
        at += n;
        if (at >= out.length) break;
      }
      return out.subarray(0, at);
    },
  };
}

// A verified file's bytes never change (its SHA-256 is fixed), so one look per file and process.
const globalForProbes = globalThis as unknown as { tryDiskProbes?: Map<string, Promise<DiskProbe | null>> };
const probes = (globalForProbes.tryDiskProbes ??= new Map());

/**
 * What the browser would find in a verified file: whether the disk reader reads it (qcow2, VMDK,
 * an OVA's disk) and whether its disk holds boot code only or a filesystem (probe-guest.ts). A
 * few small Range reads (64 KiB blocks) on the first call; null when the object store could not
 * answer (then the declared architecture decides).
 */
export function probeFile(file: { id: string; objectKey: string; sizeBytes: number; format: string }): Promise<DiskProbe | null> {
  let hit = probes.get(file.id);
  if (!hit) {
    const cached = cachedSource(objectSource(file.objectKey, file.sizeBytes), { blockSize: 64 * 1024, maxBlocks: 32 });
    hit = probeTryDisk(cached, file.format, { bytesFetched: () => cached.bytesFetched() }).catch((e: unknown) => {
      console.error(`[try] probing file ${file.id} failed:`, e);
      probes.delete(file.id);
      return null;
    });
    if (probes.size > 10_000) probes.clear();
    probes.set(file.id, hit);
  }
  return hit;
}
