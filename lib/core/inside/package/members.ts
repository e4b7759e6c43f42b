import type { ByteSource } from '@/lib/core/inside/types';

/** A member of an OVA (tar) or OVF zip whose bytes sit, uncompressed, at a known offset. */
export interface PackageMember {
  name: string;
  offset: number;
  size: number;
  /** False when the bytes are compressed (a deflated zip member): not randomly readable. */
  stored: boolean;
}

/** At most this many members are listed; an OVA has a handful. */
export const MAX_MEMBERS = 4096;

const DISK_NAME = /\.(vmdk|qcow2|img|raw|vhd|vhdx|vdi)$/i;

/** The OVF's disks in order: `<Disk ovf:fileRef>` → `<File ovf:id ovf:href>`. */
export function ovfDiskHrefs(ovf: string): { href: string; compressed: boolean }[] {
  const files = new Map<string, { href: string; compressed: boolean }>();
  for (const m of ovf.matchAll(/<(?:\w+:)?File\b([^>]*)>/g)) {
    const attrs = m[1];
    const id = /(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    const href = /(?:\w+:)?href\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    const compression = /(?:\w+:)?compression\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    if (id && href) files.set(id, { href, compressed: Boolean(compression && compression !== 'identity') });
  }
  const disks: { href: string; compressed: boolean }[] = [];
  for (const m of ovf.matchAll(/<(?:\w+:)?Disk\b([^>]*)>/g)) {
    const ref = /(?:\w+:)?fileRef\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    const file = ref ? files.get(ref) : undefined;
    if (file) disks.push(file);
  }
  return disks;
}

/** The first disk: the OVF's first `<Disk>` when it names a member, else the first disk-looking member. */
export function pickDiskMember(members: PackageMember[], ovf: string | null): { member?: PackageMember; compressed?: boolean } {
  if (ovf) {
    for (const ref of ovfDiskHrefs(ovf)) {
      const member = members.find((m) => m.name === ref.href || m.name.split('/').pop() === ref.href);
      if (member) return { member, compressed: ref.compressed };
    }
  }
  return { member: members.find((m) => DISK_NAME.test(m.name)) };
}

/** The largest OVF descriptor read to find the disk; a real one is a few KiB. */
export const MAX_OVF_BYTES = 4 * 1024 * 1024;

/** The package's first disk member: reads the OVF descriptor (when there is one, ≤ 4 MiB) and picks by it. */
export async function findDiskMember(source: ByteSource, members: PackageMember[]): Promise<{ member?: PackageMember; compressed?: boolean }> {
  const ovfMember = members.find((m) => /\.ovf$/i.test(m.name) && m.stored);
  let ovf: string | null = null;
  if (ovfMember && ovfMember.size <= MAX_OVF_BYTES) {
    ovf = new TextDecoder().decode(await source.read(ovfMember.offset, ovfMember.size));
  }
  return pickDiskMember(members, ovf);
}
