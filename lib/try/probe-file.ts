import 'server-only';
import { getObjectStream } from '@/lib/storage/s3';
import { probeGuest, type GuestProbe } from '@/lib/try/probe-guest';

/** A stored object read by Range GETs, each read bounded by what was asked. */
function objectSource(objectKey: string, size: number) {
  return {
    size,
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
const globalForProbes = globalThis as unknown as { guestProbes?: Map<string, Promise<GuestProbe | null>> };
const probes = (globalForProbes.guestProbes ??= new Map());

/**
 * What is on a verified raw disk: boot code only, or a filesystem (see probe-guest.ts). A few
 * small Range reads on the first call; null when the object store could not answer (then the
 * declared architecture decides).
 */
export function probeFile(file: { id: string; objectKey: string; sizeBytes: number }): Promise<GuestProbe | null> {
  let hit = probes.get(file.id);
  if (!hit) {
    hit = probeGuest(objectSource(file.objectKey, file.sizeBytes)).catch((e: unknown) => {
      console.error(`[try] probing file ${file.id} failed:`, e);
      probes.delete(file.id);
      return null;
    });
    if (probes.size > 10_000) probes.clear();
    probes.set(file.id, hit);
  }
  return hit;
}
