// Node-only (loaded lazily): a gzip-compressed Vagrant box has no random access, so its disk member
// is decompressed once into a temporary file, within a byte budget.
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { throwIfAborted } from '@/lib/core/inside/errors';
import { openFileSource } from '@/lib/core/inside/sources/file-source';
import type { ByteSource } from '@/lib/core/inside/types';

const DISK_NAME = /\.(vmdk|qcow2|img|raw)$/i;
const CHUNK = 1024 * 1024;

export interface GunzipDiskResult {
  ok: boolean;
  reason?: string;
  member?: string;
  source?: ByteSource;
  close(): Promise<void>;
}

/** Streams `source` through gunzip and tar, writes the first disk member to a temp file. */
export async function extractGzipTarDisk(
  source: ByteSource,
  options: { tempDir?: string; diskBudgetBytes: number; signal?: AbortSignal; single?: string },
): Promise<GunzipDiskResult> {
  const dir = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'inside-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'disk');
  const out = await open(file, 'w', 0o600);
  let closed = false;
  const closeOut = async () => {
    if (closed) return;
    closed = true;
    await out.close();
  };
  try {
    const budget = options.diskBudgetBytes;
    let offset = 0;
    const input = new ReadableStream<Uint8Array>({
      async pull(controller) {
        throwIfAborted(options.signal);
        if (offset >= source.size) return controller.close();
        const bytes = await source.read(offset, Math.min(CHUNK, source.size - offset));
        if (bytes.length === 0) return controller.close();
        offset += bytes.length;
        controller.enqueue(bytes);
      },
    });
    const reader = input.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();

    // A single compressed disk (an OVF File with compression="gzip"): the whole stream is the disk.
    if (options.single) {
      let written = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        written += value.length;
        if (written > budget) {
          await reader.cancel();
          return notRead(`the compressed disk ${options.single} is larger than the ${budget}-byte budget for decompressing it`);
        }
        await out.write(value);
      }
      await closeOut();
      return found(options.single);
    }

    let pending: Uint8Array = new Uint8Array(0);
    let skipped = 0;
    let header: { name: string; size: number; type: string } | null = null;
    let remaining = 0;
    let padding = 0;
    let writing = false;
    let longName: string | undefined;
    let extended: { type: string; size: number; parts: Uint8Array[] } | null = null;
    for (;;) {
      throwIfAborted(options.signal);
      const { value, done } = await reader.read();
      if (done) break;
      pending = pending.length ? concat(pending, value) : value;
      let at = 0;
      while (at < pending.length) {
        if (remaining > 0) {
          const n = Math.min(remaining, pending.length - at);
          const piece = pending.subarray(at, at + n);
          if (writing) await out.write(piece);
          else if (extended) extended.parts.push(piece.slice());
          else {
            skipped += n;
            if (skipped > budget) {
              await reader.cancel();
              return notRead(`no disk was found in the first ${budget} decompressed bytes of the box`);
            }
          }
          remaining -= n;
          at += n;
          if (remaining === 0) {
            if (writing) {
              await reader.cancel();
              await closeOut();
              return found(header!.name);
            }
            if (extended) {
              const text = new TextDecoder().decode(concatAll(extended.parts));
              if (extended.type === 'L') longName = text.replace(/\0.*$/s, '');
              else longName = /(?:^|\n)\d+ path=([^\n]*)/.exec(text)?.[1] ?? longName;
              extended = null;
            }
          }
          continue;
        }
        if (padding > 0) {
          const n = Math.min(padding, pending.length - at);
          padding -= n;
          at += n;
          continue;
        }
        if (pending.length - at < 512) break;
        const h = pending.subarray(at, at + 512);
        at += 512;
        if (h.every((b) => b === 0)) continue;
        const name = longName ?? tarName(h);
        const size = parseInt(new TextDecoder().decode(h.subarray(124, 136)).replace(/\0.*$/s, '').trim() || '0', 8);
        if (!Number.isSafeInteger(size)) return notRead('the box is not a valid tar archive');
        const type = String.fromCharCode(h[156] || 0x30);
        header = { name, size, type };
        remaining = size;
        padding = (512 - (size % 512)) % 512;
        if (type === 'L' || type === 'x') {
          if (size > 65536) return notRead('the box has an oversized tar header');
          extended = { type, size, parts: [] };
          continue;
        }
        longName = undefined;
        writing = (type === '0' || type === '7') && DISK_NAME.test(name);
        if (writing && size > budget) {
          await reader.cancel();
          return notRead(`the disk ${name} is ${size} bytes, more than the ${budget}-byte budget for decompressing a box`);
        }
        if (writing && size === 0) writing = false;
      }
      pending = pending.subarray(at);
    }
    return notRead('the box holds no disk image (.vmdk, .qcow2, .img)');
  } catch (e) {
    await closeOut();
    await cleanup();
    throw e;
  }

  async function notRead(reason: string): Promise<GunzipDiskResult> {
    await closeOut();
    await cleanup();
    return { ok: false, reason, close: async () => undefined };
  }
  async function found(member: string): Promise<GunzipDiskResult> {
    await closeOut();
    const fileSource = await openFileSource(file);
    return {
      ok: true,
      member,
      source: fileSource,
      close: async () => {
        await fileSource.close();
        await cleanup();
      },
    };
  }
}

function tarName(h: Uint8Array): string {
  const text = (from: number, length: number) => new TextDecoder().decode(h.subarray(from, from + length)).replace(/\0.*$/s, '');
  const prefix = text(257, 5) === 'ustar' ? text(345, 155) : '';
  return (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100)).replace(/^\.\//, '');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  return parts.reduce((acc, p) => concat(acc, p), new Uint8Array(0));
}
