// ext2/3/4 through npm `ext2fs` (libext2fs compiled to WebAssembly), loaded lazily, read-only.
import type { Ext2Disk, Ext2Fs } from 'ext2fs';
import { InsideError } from '@/lib/core/inside/errors';
import type { ByteSource } from '@/lib/core/inside/types';
import { FileTree, type EntryKind, type RawTree } from './file-tree';

const S_IFMT = 0o170000;
const KIND: Record<number, EntryKind> = { 0o100000: 'file', 0o040000: 'dir', 0o120000: 'symlink' };

type Ext2Module = typeof import('ext2fs');

let loading: Promise<Ext2Module> | undefined;

/**
 * Emscripten's start-up adds process-wide `uncaughtException` and `unhandledRejection` handlers
 * that rethrow; they are removed again so the host process (worker, apx) keeps its own handling.
 */
function loadExt2fs(): Promise<Ext2Module> {
  loading ??= (async () => {
    const events = ['uncaughtException', 'unhandledRejection'];
    const listeners = (e: string) => process.listeners(e as 'uncaughtException') as ((...args: unknown[]) => void)[];
    const before = events.map((e) => new Set(listeners(e)));
    const mod = (await import('ext2fs')) as Ext2Module & { default?: Ext2Module };
    events.forEach((e, i) => {
      for (const listener of listeners(e)) if (!before[i].has(listener)) process.removeListener(e, listener);
    });
    return mod.default ?? mod;
  })();
  return loading;
}

const MAX_OVERLAY = 8 * 1024 * 1024;

/**
 * A partition as the block device libext2fs reads. libext2fs writes back inode access times even
 * when only reading; those writes land in a small in-memory overlay so the image is never changed.
 */
function asExt2Disk(part: ByteSource): Ext2Disk & { failure?: unknown } {
  const overlay = new Map<number, Uint8Array>();
  let overlayBytes = 0;
  const disk: Ext2Disk & { failure?: unknown } = {
    async read(buffer, bufferOffset, length, fileOffset) {
      let bytes: Uint8Array;
      try {
        bytes = fileOffset >= part.size ? new Uint8Array(0) : await part.read(fileOffset, length);
      } catch (e) {
        // libext2fs only sees EIO; keep the reason (an L2 table outside the file, a network error).
        disk.failure ??= e;
        throw e;
      }
      buffer.set(bytes, bufferOffset);
      if (bytes.length < length) buffer.fill(0, bufferOffset + bytes.length, bufferOffset + length);
      for (const [at, data] of overlay) {
        const from = Math.max(at, fileOffset);
        const to = Math.min(at + data.length, fileOffset + length);
        if (from < to) buffer.set(data.subarray(from - at, to - at), bufferOffset + from - fileOffset);
      }
      return { bytesRead: length, buffer };
    },
    async write(buffer, bufferOffset, length, fileOffset) {
      const previous = overlay.get(fileOffset);
      overlayBytes += length - (previous?.length ?? 0);
      if (overlayBytes > MAX_OVERLAY) throw new Error('overlay full');
      overlay.delete(fileOffset);
      overlay.set(fileOffset, Uint8Array.prototype.slice.call(buffer, bufferOffset, bufferOffset + length));
      return { bytesWritten: length, buffer };
    },
    async discard() {},
    async flush() {},
  };
  return disk;
}

/** Mounts an ext filesystem read-only, runs `fn` on its tree, always unmounts. */
export async function withExtTree<T>(part: ByteSource, fn: (tree: FileTree) => Promise<T>): Promise<T> {
  const ext2fs = await loadExt2fs();
  let fs: Ext2Fs;
  const disk = asExt2Disk(part);
  try {
    fs = await ext2fs.mount(disk, 0);
  } catch (e) {
    if (disk.failure) throw disk.failure;
    throw new InsideError('filesystem-invalid', `the ext filesystem on ${part.name} cannot be opened (${errorCode(e)}); its superblock may be damaged`);
  }
  const p = fs.promises;
  const fsError = (e: unknown, path: string): unknown => {
    if (disk.failure) return disk.failure;
    if (e instanceof InsideError) return e;
    return new InsideError('filesystem-invalid', `${path} cannot be read (${errorCode(e)}); the filesystem may be damaged`);
  };
  const raw: RawTree = {
    async lstat(path) {
      try {
        const st = await p.lstat(path);
        return { kind: KIND[st.mode & S_IFMT] ?? 'other', size: st.size };
      } catch (e) {
        if (!disk.failure && (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR')) return null;
        throw fsError(e, path);
      }
    },
    async readlink(path) {
      try {
        return await p.readlink(path);
      } catch (e) {
        throw fsError(e, path);
      }
    },
    async readdir(path) {
      try {
        return await p.readdir(path);
      } catch (e) {
        throw fsError(e, path);
      }
    },
    async read(path, offset, length) {
      let handle;
      try {
        handle = await p.open(path, p.constants.O_RDONLY | p.constants.O_NOFOLLOW);
      } catch (e) {
        throw fsError(e, path);
      }
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await p.read(handle.fd, buffer, 0, length, offset);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
      } catch (e) {
        throw fsError(e, path);
      } finally {
        await p.close(handle.fd).catch(() => undefined);
      }
    },
  };
  try {
    return await fn(new FileTree(raw));
  } finally {
    await ext2fs.umount(fs).catch(() => undefined);
  }
}

function errorCode(e: unknown): string {
  return (e as { code?: string })?.code ?? 'error';
}
