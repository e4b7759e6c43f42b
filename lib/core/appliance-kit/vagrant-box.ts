import { sha256Hex, utf8 } from './bytes';
import { makeOvf, type OvfOptions } from './ovf';
import { rawToQcow2 } from './qcow2';
import { gzipDeterministic, makeTar, type TarOptions } from './tar';
import { rawToStreamOptimizedVmdk } from './vmdk';

export type VagrantBoxProvider = 'libvirt' | 'virtualbox';

export interface VagrantBoxOptions extends TarOptions {
  provider: VagrantBoxProvider;
  /** The raw disk image the box boots from. */
  disk: Uint8Array;
  /** The machine: name (the VirtualBox VM/OVF name), cpus, memory, product facts. */
  system: Omit<OvfOptions, 'disks'>;
}

const GIB = 1024 ** 3;
export const VIRTUALBOX_BOX_DISK_NAME = 'box-disk001.vmdk';

/** vagrant-libvirt reads virtual_size in whole gigabytes; round up so the disk always fits. */
export function libvirtVirtualSizeGiB(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / GIB));
}

/** A stable VirtualBox-range MAC (08:00:27) so Vagrant can match the imported NIC. */
function baseMac(name: string): string {
  return `080027${sha256Hex(name).slice(0, 6).toUpperCase()}`;
}

function vagrantfile(provider: VagrantBoxProvider, system: VagrantBoxOptions['system']): string {
  const lines = ['Vagrant.configure("2") do |config|'];
  if (provider === 'virtualbox') lines.push(`  config.vm.base_mac = "${baseMac(system.name)}"`);
  const variable = provider === 'libvirt' ? 'libvirt' : 'vb';
  lines.push(
    `  config.vm.provider :${provider} do |${variable}|`,
    `    ${variable}.cpus = ${system.cpus}`,
    `    ${variable}.memory = ${system.memoryMiB}`,
    '  end',
    'end',
    '',
  );
  return lines.join('\n');
}

/**
 * A Vagrant .box: a gzipped tar with metadata.json and a Vagrantfile, plus
 * - libvirt: box.img, a qcow2 of the disk; metadata {"provider","format":"qcow2","virtual_size" (GiB)};
 * - virtualbox: box.ovf and its streamOptimized disk; metadata {"provider":"virtualbox"}.
 */
export function makeVagrantBox({ provider, disk, system, mtime }: VagrantBoxOptions): Uint8Array {
  if (provider !== 'libvirt' && provider !== 'virtualbox') throw new RangeError(`unknown Vagrant box provider ${String(provider)}`);
  if (!Number.isSafeInteger(system.cpus) || system.cpus <= 0 || !Number.isSafeInteger(system.memoryMiB) || system.memoryMiB <= 0) {
    throw new RangeError('Vagrant box cpus and memoryMiB must be positive integers');
  }
  const members: { name: string; bytes: Uint8Array }[] = [];
  if (provider === 'libvirt') {
    const image = rawToQcow2(disk);
    const metadata = { provider, format: 'qcow2', virtual_size: libvirtVirtualSizeGiB(disk.length) };
    members.push({ name: 'metadata.json', bytes: utf8(`${JSON.stringify(metadata)}\n`) });
    members.push({ name: 'Vagrantfile', bytes: utf8(vagrantfile(provider, system)) });
    members.push({ name: 'box.img', bytes: image });
  } else {
    const vmdk = rawToStreamOptimizedVmdk(disk, { fileName: VIRTUALBOX_BOX_DISK_NAME });
    const ovf = makeOvf({
      ...system,
      disks: [{ fileName: VIRTUALBOX_BOX_DISK_NAME, fileSize: vmdk.length, capacityBytes: disk.length }],
    });
    members.push({ name: 'metadata.json', bytes: utf8(`${JSON.stringify({ provider })}\n`) });
    members.push({ name: 'Vagrantfile', bytes: utf8(vagrantfile(provider, system)) });
    members.push({ name: 'box.ovf', bytes: utf8(ovf) });
    members.push({ name: VIRTUALBOX_BOX_DISK_NAME, bytes: vmdk });
  }
  return gzipDeterministic(makeTar(members, { mtime }));
}
