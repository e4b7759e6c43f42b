export type Player = 'qemu' | 'virtualbox' | 'vmware' | 'vagrant';

export type LaunchFileFormat = 'OVA' | 'OVF' | 'VMDK' | 'QCOW2' | 'RAW' | 'ISO' | 'VAGRANT_BOX';
export type LaunchArchitecture = 'amd64' | 'arm64' | 'i386';

export interface LaunchFile {
  id: string;
  format: LaunchFileFormat;
  /** The name the file is saved under; commands run in the directory holding it. */
  fileName: string;
  sha256: string;
  architecture: LaunchArchitecture;
  /** Vagrant provider of a box (libvirt, virtualbox, vmware_desktop…). */
  provider?: string | null;
  /** Disk members inside an OVA/OVF bundle, from inspection (in order). */
  diskNames?: string[];
  /** The .ovf member inside an OVF bundle (zip), from inspection. Not needed for OVA or a bare .ovf. */
  ovfName?: string | null;
}

export interface LaunchInput {
  /** e.g. http://localhost:3000 */
  siteUrl: string;
  /** The `publisher/appliance` name. */
  publisher: string;
  appliance: string;
  version: string;
  file: LaunchFile;
  hardware: { cpus?: number | null; memoryMiB?: number | null };
}

export interface LaunchOptions {
  /** No window: QEMU gets -nographic, VirtualBox starts headless. The site shows the graphical default. */
  headless?: boolean;
}

export interface LaunchStep {
  title: string;
  argv: string[];
  optional?: boolean;
}

export interface LaunchPlan {
  player: Player;
  supported: boolean;
  /** Why the player cannot run this file, when unsupported. */
  reason?: string;
  steps: LaunchStep[];
  notes: string[];
}

export const PLAYERS: readonly Player[] = ['qemu', 'virtualbox', 'vmware', 'vagrant'];

export const PLAYER_LABELS: Record<Player, string> = {
  qemu: 'QEMU',
  virtualbox: 'VirtualBox',
  vmware: 'VMware Workstation / Player',
  vagrant: 'Vagrant',
};
