/*
 * The disk a try boots, whatever file carries it: a raw disk or ISO as it is, a qcow2 or VMDK
 * through lib/core/inside's readers, the disk member of an OVA read in place. Pure: the server opens
 * it to decide whether to offer a try (through S3 Range GETs), the browser opens it the same way
 * to boot it (through fetch with Range), so both see the same disk or the same refusal.
 *
 * The readers are lib/core/inside's (bounded tables, offsets checked against the file, compression
 * capped per cluster); what is added here is what the browser cannot do: a zstd-compressed qcow2
 * and a gzip-compressed OVA member are refused up front rather than failing mid-boot.
 */

import { ascii, u32be, u64beBig } from '@/lib/core/inside/disk/bytes';
import { openDisk } from '@/lib/core/inside/disk/open-disk';
import { QCOW2_MAGIC } from '@/lib/core/inside/disk/qcow2';
import { InsideError } from '@/lib/core/inside/errors';
import { findDiskMember } from '@/lib/core/inside/package/members';
import { listTarMembers } from '@/lib/core/inside/package/tar';
import { subSource } from '@/lib/core/inside/sources/sub-source';
import type { ByteSource, VirtualDisk } from '@/lib/core/inside/types';
import type { DiskProbe, TryMedium } from '@/lib/core/try/browser-trial';
import { probeGuest } from '@/lib/core/try/probe-guest';

export interface TryDisk {
  /** The guest's disk as raw sectors. */
  disk: VirtualDisk;
  medium: TryMedium;
  /** Where the blocks come from: raw, iso, qcow2, vmdk-sparse, vmdk-stream. */
  container: VirtualDisk['format'];
  /** The disk came out of an OVA. */
  inPackage: boolean;
}

export interface OpenTryDiskOptions {
  /** The source is a cache in front of the network: its count of bytes fetched. */
  bytesFetched?: () => number;
}

/**
 * Names in messages stay neutral: a judge in blind mode reads them, and member names (or the
 * OVF) may carry the entrant's.
 */
const FILE = 'the file';
const MEMBER = 'the disk inside the OVA';

/** Refuses a qcow2 whose clusters are zstd-compressed: the browser has no zstd decoder. */
function refuseZstd(head: Uint8Array, name: string) {
  if (ascii(head, 0, 4) !== QCOW2_MAGIC || head.length < 105 || u32be(head, 4) !== 3) return;
  const incompatible = u64beBig(head, 72);
  if (incompatible & 8n && u32be(head, 100) > 104 && head[104] === 1) {
    throw new InsideError('disk-invalid', `${name} is a qcow2 with zstd-compressed clusters, which the browser cannot decompress; convert it with qemu-img convert -c -o compression_type=zlib`);
  }
}

async function openContainer(source: ByteSource, expect: 'qcow2' | 'vmdk' | 'any', name: string, bytesFetched: () => number): Promise<VirtualDisk> {
  refuseZstd(await source.read(0, Math.min(source.size, 512)), name);
  const disk = await openDisk(source, { bytesFetched });
  if (expect === 'qcow2' && disk.format !== 'qcow2') throw new InsideError('disk-invalid', `${name} is not a qcow2 image`);
  if (expect === 'vmdk' && disk.format !== 'vmdk-sparse' && disk.format !== 'vmdk-stream') throw new InsideError('disk-invalid', `${name} is not a sparse VMDK`);
  return disk;
}

/**
 * Opens the disk of a file of `format` over `source` (which should be cached: every reader reads
 * small pieces). Throws an InsideError, safe to show, when the disk cannot be read in the browser.
 */
export async function openTryDisk(source: ByteSource, format: string, options: OpenTryDiskOptions = {}): Promise<TryDisk> {
  const bytesFetched = options.bytesFetched ?? (() => 0);
  const named: ByteSource = { size: source.size, name: FILE, read: (o, l) => source.read(o, l) };
  const plain = (f: 'raw' | 'iso'): VirtualDisk => ({ ...named, format: f, bytesFetched });
  switch (format) {
    case 'RAW':
      return { disk: plain('raw'), medium: 'hda', container: 'raw', inPackage: false };
    case 'ISO':
      return { disk: plain('iso'), medium: 'cdrom', container: 'iso', inPackage: false };
    case 'QCOW2':
    case 'VMDK': {
      const disk = await openContainer(named, format === 'QCOW2' ? 'qcow2' : 'vmdk', FILE, bytesFetched);
      return { disk, medium: 'hda', container: disk.format, inPackage: false };
    }
    case 'OVA': {
      const members = await listTarMembers(named);
      const { member, compressed } = await findDiskMember(named, members);
      if (!member) throw new InsideError('disk-invalid', 'the OVA holds no disk image');
      if (compressed) throw new InsideError('disk-invalid', 'the disk inside the OVA is gzip-compressed, so it cannot be read in place; repackage it uncompressed');
      const disk = await openContainer(subSource(named, member.offset, member.size, MEMBER), 'any', MEMBER, bytesFetched);
      return { disk, medium: disk.format === 'iso' ? 'cdrom' : 'hda', container: disk.format, inPackage: true };
    }
    default:
      throw new InsideError('disk-invalid', `a ${format} file is not a disk the browser emulator reads`);
  }
}

/**
 * What the browser would find: the disk opened as above, then its guest probed (a hard disk
 * only: a CD-ROM boots whatever is on it). A disk the reader refuses is `readable: false` with
 * the reader's reason; a failing source (network, store) throws.
 */
export async function probeTryDisk(source: ByteSource, format: string, options: OpenTryDiskOptions = {}): Promise<DiskProbe> {
  let opened: TryDisk;
  try {
    opened = await openTryDisk(source, format, options);
    const guest = opened.medium === 'hda' ? await probeGuest(opened.disk) : null;
    return { readable: true, guest, medium: opened.medium };
  } catch (e) {
    if (e instanceof InsideError) return { readable: false, reason: e.message };
    throw e;
  }
}
