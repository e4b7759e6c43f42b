/**
 * Small but real appliance images, generated in pure TypeScript: a hello-world boot sector, raw
 * disk, qcow2, streamOptimized VMDK, OVF, OVA and Vagrant boxes. Used by the demo seed, tests and
 * the CLI's end-to-end test; nothing here needs qemu or an assembler at run time.
 */
export { makeBootSector, MAX_BOOT_MESSAGE_LENGTH, MAX_ECHO_BOOT_MESSAGE_LENGTH, validateBootMessage } from './boot-sector';
export { makeRawDisk, type RawDiskOptions } from './raw-disk';
export { rawToQcow2, type Qcow2Options } from './qcow2';
export { rawToStreamOptimizedVmdk, type StreamOptimizedVmdkOptions } from './vmdk';
export { makeOvf, xmlAttr, xmlText, STREAM_OPTIMIZED_VMDK_FORMAT, type OvfDisk, type OvfOptions } from './ovf';
export { makeOva, makeManifest, type ManifestAlgorithm, type OvaOptions } from './ova';
export { makeTar, gzipDeterministic, DEFAULT_MTIME, type TarEntry, type TarOptions } from './tar';
export {
  makeVagrantBox,
  libvirtVirtualSizeGiB,
  VIRTUALBOX_BOX_DISK_NAME,
  type VagrantBoxOptions,
  type VagrantBoxProvider,
} from './vagrant-box';
export {
  makeDemoAppliance,
  demoFileStem,
  type DemoAppliance,
  type DemoApplianceOptions,
  type KitFile,
  type KitFileFormat,
} from './demo-appliance';
