/*
 * Does a disk carry an operating system, or only boot code? Pure: reads a few sectors through any
 * random-access source (an S3 object by Range, a file, memory).
 *
 * A file's declared architecture is what its system needs: an amd64 Linux stops at its kernel in
 * v86's 32-bit PC. A disk with an MBR boot sector and no filesystem anywhere (the demo catalog's
 * boot sectors) has no such system: its architecture is unknown, and the emulator can run it.
 */

export interface ProbeSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** boot-code-only: MBR signature, no filesystem found; filesystem: something a system lives on; not-bootable: no MBR signature. */
export type GuestProbe = 'boot-code-only' | 'filesystem' | 'not-bootable';

const SECTOR = 512;
/** Enough for every magic checked below, at a partition's start. */
const HEAD = 68 * 1024;

const ascii = (b: Uint8Array, at: number, text: string) => {
  if (at + text.length > b.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** A filesystem, volume manager or swap signature at the start of `b` (a partition or a whole disk). */
export function hasFilesystemSignature(b: Uint8Array): boolean {
  const u16 = (at: number) => (at + 1 < b.length ? b[at] | (b[at + 1] << 8) : -1);
  return (
    u16(1024 + 56) === 0xef53 || // ext2/3/4
    ascii(b, 0, 'XFSB') ||
    ascii(b, 0x10040, '_BHRfS_M') || // btrfs
    ascii(b, 3, 'NTFS    ') ||
    ascii(b, 0x36, 'FAT') ||
    ascii(b, 0x52, 'FAT32') ||
    ascii(b, 3, 'EXFAT   ') ||
    ascii(b, 0, 'LUKS\xba\xbe') ||
    ascii(b, 512 + 0, 'LABELONE') || // LVM2
    ascii(b, 4096 - 10, 'SWAPSPACE2') ||
    ascii(b, 0x8001, 'CD001') || // ISO 9660
    ascii(b, 0x400, 'H+\x00\x04') // HFS+
  );
}

/** Reads the MBR and the head of each partition (and of the whole disk): at most five small reads. */
export async function probeGuest(source: ProbeSource): Promise<GuestProbe> {
  if (source.size < SECTOR) return 'not-bootable';
  const mbr = await source.read(0, SECTOR);
  if (mbr.length < SECTOR || mbr[510] !== 0x55 || mbr[511] !== 0xaa) return 'not-bootable';
  const view = new DataView(mbr.buffer, mbr.byteOffset, mbr.byteLength);
  const starts: number[] = [0];
  for (let i = 0; i < 4; i++) {
    const entry = 446 + i * 16;
    const type = mbr[entry + 4];
    if (type === 0) continue;
    // A protective (GPT) or extended partition table means partitions we do not walk: assume a system.
    if (type === 0xee || type === 0x05 || type === 0x0f || type === 0x85) return 'filesystem';
    const start = view.getUint32(entry + 8, true) * SECTOR;
    if (start > 0 && start < source.size) starts.push(start);
  }
  for (const start of starts) {
    const head = await source.read(start, Math.min(HEAD, source.size - start));
    if (hasFilesystemSignature(head)) return 'filesystem';
  }
  return 'boot-code-only';
}
