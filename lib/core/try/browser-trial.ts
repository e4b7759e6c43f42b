/*
 * Which files "Try in browser" offers, and how: pure, shared by the pages and the try endpoint.
 *
 * v86 emulates a 32-bit x86 PC with an IDE disk and a CD-ROM drive. It runs raw disks and ISOs as
 * they are; qcow2 and VMDK (alone or inside an OVA) go through the disk reader (open-try-disk.ts),
 * which the server runs once to see that the browser will be able to read them.
 */

import type { GuestProbe } from './probe-guest';

/**
 * What a look at the file's disk found: the guest (boot code only, a filesystem, nothing
 * bootable) and the drive it goes in, or why the disk reader cannot read it in the browser.
 */
export type DiskProbe = { readable: true; guest: GuestProbe | null; medium: TryMedium } | { readable: false; reason: string };

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

/** The drive each format goes in, unless the probe found otherwise (an ISO inside an OVA). */
const MEDIUM: Record<string, TryMedium> = { RAW: 'hda', ISO: 'cdrom', QCOW2: 'hda', VMDK: 'hda', OVA: 'hda' };

/** v86 wants a power of two of at least 16 MiB; the requirement is rounded up to one, then capped. */
export function tryMemory(requiredMiB: number | null): { memoryMiB: number; capped: boolean } {
  const wanted = requiredMiB && requiredMiB > 0 ? requiredMiB : TRY_DEFAULT_MEMORY_MIB;
  let mib = 16;
  while (mib < wanted && mib < TRY_MEMORY_CAP_MIB) mib *= 2;
  return { memoryMiB: Math.min(mib, TRY_MEMORY_CAP_MIB), capped: wanted > TRY_MEMORY_CAP_MIB };
}

/**
 * Whether `file` can be tried, given what a look at its disk found (`probe`, null when nobody
 * looked or the store could not answer: then the declared architecture decides alone).
 */
export function browserTrial(file: TrialFile, requiredMemoryMiB: number | null, probe: DiskProbe | null): BrowserTrial {
  if (file.status !== 'VERIFIED' || !file.downloadable) return { offered: false, reason: 'Only verified files you may download can be tried.' };
  let medium = MEDIUM[file.format];
  if (!medium) {
    return {
      offered: false,
      reason:
        file.format === 'VAGRANT_BOX' || file.format === 'OVF'
          ? 'The browser emulator boots disks and ISOs; run this package with its player.'
          : 'The browser emulator reads raw disks, ISOs, qcow2 and VMDK images and OVAs; this format is not one of them.',
    };
  }
  const arch = file.architecture.toUpperCase();
  if (arch === 'ARM64') return { offered: false, reason: 'This is an arm64 system: the browser emulator is a 32-bit x86 PC, so arm64 code cannot run in it.' };
  if (probe && !probe.readable) return { offered: false, reason: `The browser cannot read this disk: ${probe.reason}.` };
  if (probe) medium = probe.medium;
  const guest = probe?.guest ?? null;
  if (medium === 'hda' && guest === 'not-bootable') return { offered: false, reason: 'This disk has no boot sector, so a PC cannot start from it.' };
  let architectureNote: string | null = null;
  if (arch === 'AMD64') {
    if (guest !== 'boot-code-only') {
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
