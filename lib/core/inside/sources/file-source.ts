// Node-only: a local file for `apx inside`, tests and the temporary copy of a Vagrant box's disk.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSource } from '@/lib/core/inside/types';
import { checkRange } from './memory-source';

export interface FileSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileSource(file: string): Promise<FileSource> {
  const handle = await open(file, 'r');
  const { size } = await handle.stat();
  return {
    size,
    name: path.basename(file),
    async read(offset, length) {
      checkRange(offset, length);
      const n = Math.max(0, Math.min(length, size - offset));
      const buffer = new Uint8Array(n);
      let done = 0;
      while (done < n) {
        const { bytesRead } = await handle.read(buffer, done, n - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === n ? buffer : buffer.subarray(0, done);
    },
    close: () => handle.close(),
  };
}

/** Opens a file, runs `fn`, closes it whatever happens. */
export async function withFileSource<T>(file: string, fn: (source: FileSource) => Promise<T>): Promise<T> {
  const source = await openFileSource(file);
  try {
    return await fn(source);
  } finally {
    await source.close();
  }
}
