import { MIB, sha256Hex } from './bytes';
import { makeOva, type ManifestAlgorithm } from './ova';
import { makeOvf } from './ovf';
import { rawToQcow2 } from './qcow2';
import { makeRawDisk } from './raw-disk';
import { makeVagrantBox } from './vagrant-box';
import { rawToStreamOptimizedVmdk } from './vmdk';

export interface DemoApplianceOptions {
  /** Product name, e.g. "Hello Appliance". */
  name: string;
  vendor: string;
  version: string;
  /** Printed on the serial console and the screen at boot; printable ASCII. */
  message: string;
  cpus?: number;
  memoryMiB?: number;
  /** CIM OS id for the OVF. Default 1 (Other). */
  osId?: number;
  /** VMware guest id for the OVF. Default otherGuest. */
  vmwOsType?: string;
  osDescription?: string;
  /** Raw disk size. Default 1 MiB. */
  sizeBytes?: number;
  /** The partition's fill (see makeRawDisk). Default zeros. */
  fill?: 'zeros' | 'noise';
  /** The boot sector echoes what is typed after its message. Default false. */
  echo?: boolean;
  productUrl?: string;
  vendorUrl?: string;
  annotation?: string;
  eula?: string;
  manifest?: ManifestAlgorithm;
  /** Time stamp of archive members (seconds). */
  mtime?: number;
}

export type KitFileFormat = 'RAW' | 'QCOW2' | 'VMDK' | 'OVA' | 'VAGRANT_BOX';

/** One downloadable file and the facts a catalog records about it. */
export interface KitFile {
  fileName: string;
  format: KitFileFormat;
  bytes: Uint8Array;
  sizeBytes: number;
  sha256: string;
  /** The boot sector is x86 real-mode code; it runs on any PC, so amd64 is the honest label. */
  architecture: 'amd64';
  /** Vagrant provider, for boxes. */
  provider: 'libvirt' | 'virtualbox' | null;
  /** Disk members inside an OVA, in order. */
  diskNames: string[];
}

export interface DemoAppliance {
  raw: KitFile;
  qcow2: KitFile;
  vmdk: KitFile;
  ova: KitFile;
  /** Vagrant box for the libvirt provider. */
  box: KitFile;
  /** Vagrant box for the virtualbox provider. */
  virtualboxBox: KitFile;
  /** The envelope inside the OVA, and its member name. */
  ovf: string;
  ovfName: string;
  message: string;
  virtualSizeBytes: number;
  hardware: { cpus: number; memoryMiB: number };
  os: { id: number; vmwOsType: string; description: string };
}

/** File-name stem from a product name and version: lowercase letters, digits, dots and dashes. */
export function demoFileStem(name: string, version: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'appliance';
  const safeVersion = version.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return safeVersion ? `${slug}-${safeVersion}` : slug;
}

function file(
  fileName: string,
  format: KitFileFormat,
  bytes: Uint8Array,
  extra: Partial<Pick<KitFile, 'provider' | 'diskNames'>> = {},
): KitFile {
  return {
    fileName,
    format,
    bytes,
    sizeBytes: bytes.length,
    sha256: sha256Hex(bytes),
    architecture: 'amd64',
    provider: extra.provider ?? null,
    diskNames: extra.diskNames ?? [],
  };
}

/**
 * A tiny bootable appliance in every form the catalog offers: raw, qcow2, streamOptimized VMDK,
 * OVA (OVF + manifest + VMDK), and Vagrant boxes for libvirt and VirtualBox. Each prints
 * `message` on the serial console when booted. Deterministic for the same options.
 */
export function makeDemoAppliance(opts: DemoApplianceOptions): DemoAppliance {
  const cpus = opts.cpus ?? 1;
  const memoryMiB = opts.memoryMiB ?? 64;
  const os = { id: opts.osId ?? 1, vmwOsType: opts.vmwOsType ?? 'otherGuest', description: opts.osDescription ?? 'Other' };
  const stem = demoFileStem(opts.name, opts.version);
  const diskName = `${stem}-disk1.vmdk`;
  const ovfName = `${stem}.ovf`;

  const raw = makeRawDisk({ message: opts.message, sizeBytes: opts.sizeBytes ?? MIB, fill: opts.fill, echo: opts.echo });
  const qcow2 = rawToQcow2(raw);
  const vmdk = rawToStreamOptimizedVmdk(raw, { fileName: diskName });

  const system = {
    name: stem,
    product: opts.name,
    vendor: opts.vendor,
    version: opts.version,
    fullVersion: opts.version,
    productUrl: opts.productUrl,
    vendorUrl: opts.vendorUrl,
    annotation: opts.annotation,
    eula: opts.eula,
    os,
    cpus,
    memoryMiB,
  };
  const ovf = makeOvf({ ...system, disks: [{ fileName: diskName, fileSize: vmdk.length, capacityBytes: raw.length }] });
  const ova = makeOva({ ovf, ovfName, disks: [{ name: diskName, bytes: vmdk }], manifest: opts.manifest, mtime: opts.mtime });
  // The boxes (gzip-compressed, the slowest forms to make) are made when first asked for.
  let box: KitFile | undefined;
  let virtualboxBox: KitFile | undefined;

  return {
    raw: file(`${stem}.img`, 'RAW', raw),
    qcow2: file(`${stem}.qcow2`, 'QCOW2', qcow2),
    vmdk: file(`${stem}.vmdk`, 'VMDK', vmdk),
    ova: file(`${stem}.ova`, 'OVA', ova, { diskNames: [diskName] }),
    get box() {
      return (box ??= file(`${stem}-libvirt.box`, 'VAGRANT_BOX', makeVagrantBox({ provider: 'libvirt', disk: raw, system, mtime: opts.mtime }), { provider: 'libvirt' }));
    },
    get virtualboxBox() {
      return (virtualboxBox ??= file(`${stem}-virtualbox.box`, 'VAGRANT_BOX', makeVagrantBox({ provider: 'virtualbox', disk: raw, system, mtime: opts.mtime }), {
        provider: 'virtualbox',
      }));
    },
    ovf,
    ovfName,
    message: opts.message,
    virtualSizeBytes: raw.length,
    hardware: { cpus, memoryMiB },
    os,
  };
}
