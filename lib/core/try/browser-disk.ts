/*
 * The browser's end of a try: the stored file read by Range through fetch (the URL asked for
 * before every request, so a refreshed presigned URL is used), a bounded block cache in front of
 * it, the disk reader of open-try-disk.ts, and v86's disk on top. Pure code (no React, no Node).
 */

import { cachedSource } from '@/lib/core/inside/sources/cached-source';
import { openHttpRangeSource, type RangeUrl } from '@/lib/core/inside/sources/http-range-source';
import { openTryDisk, type TryDisk } from '@/lib/core/try/open-try-disk';
import { V86Disk } from '@/lib/core/try/v86-disk';

export interface BrowserDiskOptions {
  /** The stored file's format (RAW, ISO, QCOW2, VMDK, OVA). */
  format: string;
  /** The stored file's size. */
  sizeBytes: number;
  url: RangeUrl;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Bytes per Range request; default 64 KiB. */
  blockBytes?: number;
  /** Most bytes of fetched blocks kept; default 64 MiB. */
  cacheBytes?: number;
  onError?: (error: Error) => void;
}

export interface BrowserDisk extends Omit<TryDisk, 'disk'> {
  /** What v86 reads and writes. */
  v86: V86Disk;
  /** The guest disk's size (the virtual size of a qcow2 or VMDK). */
  diskSize: number;
  /** Bytes of the stored file fetched so far. */
  bytesFetched(): number;
  /** Range requests sent so far. */
  requests(): number;
}

export async function openBrowserDisk(options: BrowserDiskOptions): Promise<BrowserDisk> {
  const blockSize = options.blockBytes ?? 64 * 1024;
  const http = await openHttpRangeSource(options.url, {
    size: options.sizeBytes,
    name: 'the file',
    fetch: options.fetch,
    signal: options.signal,
    cache: 'no-store',
  });
  const cached = cachedSource(http, { blockSize, maxBlocks: Math.max(4, Math.floor((options.cacheBytes ?? 64 * 1024 * 1024) / blockSize)) });
  const opened = await openTryDisk(cached, options.format, { bytesFetched: () => cached.bytesFetched() });
  return {
    medium: opened.medium,
    container: opened.container,
    inPackage: opened.inPackage,
    diskSize: opened.disk.size,
    v86: new V86Disk(opened.disk, { onError: options.onError }),
    bytesFetched: () => cached.bytesFetched(),
    requests: () => cached.requests(),
  };
}
