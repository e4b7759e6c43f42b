import { ascii, u16le, u32le } from '@/lib/core/inside/disk/bytes';
import type { ByteSource } from '@/lib/core/inside/types';

export interface Detected {
  type: string;
  label?: string;
}

const EXT_SUPER = 1024;

/** Names a filesystem or volume by its magic bytes (it need not be readable to be named). */
export async function detectFilesystem(part: ByteSource): Promise<Detected> {
  const head = await part.read(0, Math.min(part.size, 70 * 1024));
  const at = (offset: number, text: string) => ascii(head, offset, text.length) === text;
  if (head.length >= EXT_SUPER + 136 && u16le(head, EXT_SUPER + 56) === 0xef53) {
    const compat = u32le(head, EXT_SUPER + 92);
    const incompat = u32le(head, EXT_SUPER + 96);
    const roCompat = u32le(head, EXT_SUPER + 100);
    // extents, 64bit, flex_bg, or huge_file/dir_nlink/extra_isize → ext4; a journal → ext3.
    const ext4 = (incompat & (0x40 | 0x80 | 0x200)) !== 0 || (roCompat & (0x8 | 0x20 | 0x40)) !== 0;
    const type = ext4 ? 'ext4' : compat & 0x4 ? 'ext3' : 'ext2';
    return { type, label: text(head, EXT_SUPER + 120, 16) };
  }
  if (at(0, 'XFSB')) return { type: 'xfs', label: text(head, 108, 12) };
  if (head.length >= 0x10040 + 8 && at(0x10040, '_BHRfS_M')) return { type: 'btrfs', label: text(head, 0x1012b, 256) };
  for (let s = 0; s < 4; s++) if (at(s * 512, 'LABELONE') && at(s * 512 + 24, 'LVM2 001')) return { type: 'lvm2' };
  if ((at(0, 'LUKS') || at(0, 'SKUL')) && head[4] === 0xba && head[5] === 0xbe) return { type: 'luks' };
  if (at(4086, 'SWAPSPACE2') || at(4086, 'SWAP-SPACE')) return { type: 'swap', label: text(head, 1024 + 28, 16) };
  if (at(3, 'NTFS    ')) return { type: 'ntfs' };
  if (head[510] === 0x55 && head[511] === 0xaa && (at(54, 'FAT12') || at(54, 'FAT16') || at(82, 'FAT32'))) {
    return { type: 'vfat', label: text(head, at(82, 'FAT32') ? 71 : 43, 11) };
  }
  if (at(0, 'hsqs')) return { type: 'squashfs' };
  if (head.length >= 32774 && at(32769, 'CD001')) return { type: 'iso9660', label: text(head, 32808, 32) };
  return { type: 'unknown' };
}

function text(b: Uint8Array, at: number, length: number): string | undefined {
  const end = b.subarray(at, at + length).indexOf(0);
  const s = new TextDecoder().decode(b.subarray(at, end < 0 ? at + length : at + end)).trim();
  return s || undefined;
}
