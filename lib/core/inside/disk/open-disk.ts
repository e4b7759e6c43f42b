import { InsideError } from '@/lib/core/inside/errors';
import { cachedSource, type CachedSourceOptions } from '@/lib/core/inside/sources/cached-source';
import type { ByteSource, VirtualDisk } from '@/lib/core/inside/types';
import { ascii } from './bytes';
import { openQcow2, QCOW2_MAGIC } from './qcow2';
import { openVmdk, VMDK_MAGIC } from './vmdk';

export interface OpenDiskOptions {
  /** Block cache in front of the source (ignored when `bytesFetched` is given). */
  cache?: CachedSourceOptions;
  /**
   * The source is already cached (e.g. a member of a cached OVA): use it as is and report the
   * outer cache's count.
   */
  bytesFetched?: () => number;
}

/**
 * Opens a virtual disk whatever its container: qcow2, VMDK (monolithicSparse, streamOptimized),
 * an ISO image, or raw sectors. Images that need another file (backing file, parent disk, split
 * extents) are refused with a clear error.
 */
export async function openDisk(source: ByteSource, options: OpenDiskOptions = {}): Promise<VirtualDisk> {
  let inner = source;
  let bytesFetched = options.bytesFetched;
  if (!bytesFetched) {
    const cached = cachedSource(source, options.cache);
    inner = cached;
    bytesFetched = () => cached.bytesFetched();
  }
  const head = await inner.read(0, Math.min(inner.size, 512));
  const magic = ascii(head, 0, 4);
  if (magic === QCOW2_MAGIC) {
    const q = await openQcow2(inner);
    return disk(source.name, 'qcow2', q.size, q.read, bytesFetched);
  }
  if (magic === VMDK_MAGIC) {
    const v = await openVmdk(inner);
    return disk(source.name, v.streamOptimized ? 'vmdk-stream' : 'vmdk-sparse', v.size, v.read, bytesFetched);
  }
  if (ascii(head, 0, 21) === '# Disk DescriptorFile') {
    throw new InsideError('disk-invalid', `${source.name} is a VMDK descriptor whose data lives in other files; upload a monolithic or streamOptimized VMDK`);
  }
  if (ascii(head, 0, 8) === 'vhdxfile') throw new InsideError('disk-invalid', `${source.name} is a VHDX image, which cannot be read yet`);
  if (ascii(head, 0, 8) === 'conectix') throw new InsideError('disk-invalid', `${source.name} is a dynamic VHD image, which cannot be read yet`);
  let format: VirtualDisk['format'] = 'raw';
  if (inner.size > 32774) {
    const pvd = await inner.read(32769, 5);
    if (ascii(pvd, 0, 5) === 'CD001') format = 'iso';
  }
  return disk(source.name, format, inner.size, (o, l) => inner.read(o, l), bytesFetched);
}

function disk(
  name: string,
  format: VirtualDisk['format'],
  size: number,
  read: (offset: number, length: number) => Promise<Uint8Array>,
  bytesFetched: () => number,
): VirtualDisk {
  return { name, format, size, read, bytesFetched };
}
