/*
 * Which files "Try in browser" offers, and how: pure, shared by the pages and the try endpoint.
 *
 * v86 emulates a 32-bit x86 PC with an IDE disk and a CD-ROM drive. It runs raw disks and ISOs as
 * they are; qcow2 and VMDK (alone or inside an OVA) need the disk reader to turn them into raw
 * blocks first (not wired yet: those files are explained, not offered).
 */

import type { GuestProbe } from './probe-guest';

/** The most memory a tab gets; more would stall or crash it. */
export const TRY_MEMORY_CAP_MIB = 512;
/** What a try gets when the appliance states no requirement. */
export const TRY_DEFAULT_MEMORY_MIB = 64;

export type TryMedium = 'hda' | 'cdrom';

export interface TrialFile {
  format: string;
  architecture: string;
  status: string;
  downloadable: boolean;
}

export type BrowserTrial =
  | { offered: true; medium: TryMedium; memoryMiB: number; memoryCapped: boolean; architectureNote: string | null }
  | { offered: false; reason: string };

/** Formats a try line is shown for: a disk, or a package holding one (packages without a disk are their players' job). */
export const TRY_LINE_FORMATS: ReadonlySet<string> = new Set(['RAW', 'ISO', 'QCOW2', 'VMDK', 'OVA']);

/** Formats v86 reads directly. */
const DIRECT: Record<string, TryMedium> = { RAW: 'hda', ISO: 'cdrom' };

/** v86 wants a power of two of at least 16 MiB; the requirement is rounded up to one, then capped. */
export function tryMemory(requiredMiB: number | null): { memoryMiB: number; capped: boolean } {
  const wanted = requiredMiB && requiredMiB > 0 ? requiredMiB : TRY_DEFAULT_MEMORY_MIB;
  let mib = 16;
  while (mib < wanted && mib < TRY_MEMORY_CAP_MIB) mib *= 2;
  return { memoryMiB: Math.min(mib, TRY_MEMORY_CAP_MIB), capped: wanted > TRY_MEMORY_CAP_MIB };
}

/**
 * Whether `file` can be tried, given what a look at its disk found (`probe`, null when nobody
 * looked: then the declared architecture decides alone).
 */
export function browserTrial(file: TrialFile, requiredMemoryMiB: number | null, probe: GuestProbe | null): BrowserTrial {
  if (file.status !== 'VERIFIED' || !file.downloadable) return { offered: false, reason: 'Only verified files you may download can be tried.' };
  const medium = DIRECT[file.format];
  if (!medium) {
    return {
      offered: false,
      reason:
        file.format === 'VAGRANT_BOX' || file.format === 'OVF'
          ? 'The browser emulator boots disks and ISOs; run this package with its player.'
          : 'The browser emulator reads raw disks and ISOs; this format is not readable in the browser yet.',
    };
  }
  const arch = file.architecture.toUpperCase();
  if (arch === 'ARM64') return { offered: false, reason: 'This is an arm64 system: the browser emulator is a 32-bit x86 PC, so arm64 code cannot run in it.' };
  if (medium === 'hda' && probe === 'not-bootable') return { offered: false, reason: 'This disk has no boot sector, so a PC cannot start from it.' };
  let architectureNote: string | null = null;
  if (arch === 'AMD64') {
    if (probe !== 'boot-code-only') {
      return {
        offered: false,
        reason: 'This is a 64-bit (amd64) system: the browser emulator is a 32-bit x86 PC, and a 64-bit kernel stops at its first instruction there.',
      };
    }
    architectureNote = 'Its disk holds boot code and no operating system, so it runs on a 32-bit PC too.';
  }
  const memory = tryMemory(requiredMemoryMiB);
  return { offered: true, medium, memoryMiB: memory.memoryMiB, memoryCapped: memory.capped, architectureNote };
}
