import { makeBootSector, SECTOR_SIZE } from './boot-sector';
import { MIB, sha256Hex } from './bytes';

export interface RawDiskOptions {
  /** Printed on the serial console and the screen at boot. */
  message: string;
  /** Total size; a multiple of 512, at least 2 sectors. Default 1 MiB. */
  sizeBytes?: number;
  /**
   * What the partition holds: zeros (default), or pseudo-random bytes (deterministic, from the
   * message) that neither compress nor look like a filesystem: a disk whose bulk the boot never
   * reads, so streaming it shows.
   */
  fill?: 'zeros' | 'noise';
  /** The boot sector echoes serial input and typed keys after its message (see boot-sector.ts). */
  echo?: boolean;
}

/** The noise starts this far into the partition, past every filesystem magic a probe looks at. */
const NOISE_SKIP = 128 * 1024;

/** xorshift32 bytes into `out`, seeded from `seed`. */
function noise(out: Uint8Array, seed: number): void {
  let x = seed || 0x9e3779b9;
  const words = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let i = 0;
  for (; i + 4 <= out.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words.setUint32(i, x >>> 0, true);
  }
  for (; i < out.length; i++) out[i] = (x >>> (8 * (i % 4))) & 0xff;
}

/** Kept in memory, so keep it modest: demo disks are a few MiB. */
const MAX_RAW_DISK_BYTES = 1024 * MIB;
/** Partitions start 1 MiB-aligned when the disk has room for that, else right after the MBR. */
const ALIGNED_START_LBA = 2048;
const LINUX_PARTITION_TYPE = 0x83;

/** CHS address of an LBA for the classic 255-head, 63-sector geometry; saturates past 1023 cylinders. */
function chs(lba: number): [number, number, number] {
  const heads = 255;
  const sectorsPerTrack = 63;
  const cylinder = Math.floor(lba / (heads * sectorsPerTrack));
  if (cylinder > 1023) return [0xfe, 0xff, 0xff];
  const head = Math.floor(lba / sectorsPerTrack) % heads;
  const sector = (lba % sectorsPerTrack) + 1;
  return [head, ((cylinder >> 2) & 0xc0) | sector, cylinder & 0xff];
}

/**
 * A bootable raw disk: the boot sector, an MBR with one active Linux (0x83) partition covering
 * the rest of the disk, zero fill (or noise, see `fill`). Deterministic for the same options.
 */
export function makeRawDisk({ message, sizeBytes = MIB, fill = 'zeros', echo = false }: RawDiskOptions): Uint8Array {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes % SECTOR_SIZE !== 0 || sizeBytes < 2 * SECTOR_SIZE) {
    throw new RangeError(`disk size must be a whole number of 512-byte sectors, at least 2 (got ${sizeBytes})`);
  }
  if (sizeBytes > MAX_RAW_DISK_BYTES) {
    throw new RangeError(`disk size ${sizeBytes} is above the ${MAX_RAW_DISK_BYTES}-byte limit for generated disks`);
  }
  const disk = new Uint8Array(sizeBytes);
  disk.set(makeBootSector(message, { echo }), 0);

  const view = new DataView(disk.buffer, disk.byteOffset, disk.byteLength);
  // Disk signature (Linux shows it in PARTUUID): derived from the inputs to stay deterministic.
  const signature = Number.parseInt(sha256Hex(`${message}\0${sizeBytes}`).slice(0, 8), 16) >>> 0;
  view.setUint32(440, signature || 1, true);

  const totalSectors = sizeBytes / SECTOR_SIZE;
  const startLba = totalSectors > 2 * ALIGNED_START_LBA ? ALIGNED_START_LBA : 1;
  const sectorCount = totalSectors - startLba;
  const entry = 446;
  disk[entry] = 0x80; // active
  disk.set(chs(startLba), entry + 1);
  disk[entry + 4] = LINUX_PARTITION_TYPE;
  disk.set(chs(startLba + sectorCount - 1), entry + 5);
  view.setUint32(entry + 8, startLba, true);
  view.setUint32(entry + 12, sectorCount, true);
  const noiseAt = startLba * SECTOR_SIZE + NOISE_SKIP;
  if (fill === 'noise' && noiseAt < sizeBytes) noise(disk.subarray(noiseAt), signature);
  return disk;
}
