import { openDisk } from '@/lib/core/inside/disk/open-disk';
import { cachedSource, type CachedSourceOptions } from '@/lib/core/inside/sources/cached-source';
import { subSource } from '@/lib/core/inside/sources/sub-source';
import type { ByteSource, VirtualDisk } from '@/lib/core/inside/types';
import { findDiskMember, type PackageMember } from './members';
import { listTarMembers, looksLikeTar } from './tar';
import { listZipMembers } from './zip';

export type PackageFormat = 'OVA' | 'OVF' | 'VMDK' | 'QCOW2' | 'RAW' | 'ISO' | 'VAGRANT_BOX';

export interface PackageDiskOptions {
  /** Where a gzip-compressed box's disk is decompressed (Node only); default the OS temp dir. */
  tempDir?: string;
  /** At most this many bytes are decompressed to a temporary file; default 8 GiB. */
  diskBudgetBytes?: number;
  signal?: AbortSignal;
  cache?: CachedSourceOptions;
}

export type PackageDisk =
  | { ok: true; disk: VirtualDisk; member?: string; close(): Promise<void> }
  | { ok: false; reason: string; member?: string };

export const DEFAULT_DISK_BUDGET = 8 * 1024 ** 3;

/**
 * The disk inside an uploaded file: the file itself for disk formats, the first disk member of an
 * OVA (tar) or OVF zip (read in place), or of a Vagrant box (in place when it is a plain tar,
 * decompressed once to a temporary file when gzip-compressed).
 */
export async function openPackageDisk(source: ByteSource, format: PackageFormat, options: PackageDiskOptions = {}): Promise<PackageDisk> {
  const cached = cachedSource(source, options.cache);
  const bytesFetched = () => cached.bytesFetched();
  const nothing = async () => undefined;
  const head = await cached.read(0, Math.min(cached.size, 512));
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const budget = options.diskBudgetBytes ?? DEFAULT_DISK_BUDGET;

  if (format === 'VAGRANT_BOX' && isGzip) {
    const { extractGzipTarDisk } = await import('./gzip-box');
    const extracted = await extractGzipTarDisk(cached, { tempDir: options.tempDir, diskBudgetBytes: budget, signal: options.signal });
    if (!extracted.ok || !extracted.source) return { ok: false, reason: extracted.reason ?? 'no disk in the box' };
    try {
      const disk = await openDisk(extracted.source);
      return { ok: true, disk: withCount(disk, bytesFetched), member: extracted.member, close: extracted.close };
    } catch (e) {
      await extracted.close();
      throw e;
    }
  }

  let members: PackageMember[] | null = null;
  if (format === 'OVA' || (format === 'VAGRANT_BOX' && looksLikeTar(head))) members = await listTarMembers(cached);
  else if (format === 'OVF' && isZip) members = await listZipMembers(cached);
  else if (format === 'OVF') return { ok: false, reason: 'an OVF descriptor on its own holds no disk; its disks are separate files' };
  else if (format === 'VAGRANT_BOX') return { ok: false, reason: 'the box is neither a tar nor a gzip-compressed tar' };

  if (!members) {
    const disk = await openDisk(cached, { bytesFetched });
    return { ok: true, disk, close: nothing };
  }
  const { member, compressed } = await findDiskMember(cached, members);
  if (!member) return { ok: false, reason: `${source.name} holds no disk image` };
  const memberSource = subSource(cached, member.offset, member.size, member.name);
  if (!member.stored || compressed) {
    if (!compressed) return { ok: false, member: member.name, reason: `the disk ${member.name} is compressed inside the zip, so it cannot be read in place` };
    const { extractGzipTarDisk } = await import('./gzip-box');
    const extracted = await extractGzipTarDisk(memberSource, { tempDir: options.tempDir, diskBudgetBytes: budget, signal: options.signal, single: member.name });
    if (!extracted.ok || !extracted.source) return { ok: false, member: member.name, reason: extracted.reason ?? 'not read' };
    const disk = await openDisk(extracted.source).catch(async (e) => {
      await extracted.close();
      throw e;
    });
    return { ok: true, disk: withCount(disk, bytesFetched), member: member.name, close: extracted.close };
  }
  const disk = await openDisk(memberSource, { bytesFetched });
  return { ok: true, disk, member: member.name, close: nothing };
}

/** The disk read from a temporary copy still reports the bytes fetched from the original source. */
function withCount(disk: VirtualDisk, bytesFetched: () => number): VirtualDisk {
  return { name: disk.name, format: disk.format, size: disk.size, read: (o, l) => disk.read(o, l), bytesFetched };
}
