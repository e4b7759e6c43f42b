// What may be uploaded into each file slot: by file-name extension (checked by the server when the
// upload is created) and, later, by content (the inspector). Pure: the upload page uses it too.
import type { Architecture, FileFormat } from '@/lib/core/publishing/api-schemas';

export const FORMAT_EXTENSIONS: Record<FileFormat, readonly string[]> = {
  OVA: ['.ova'],
  OVF: ['.zip'],
  VMDK: ['.vmdk'],
  // Cloud images are often qcow2 named .img.
  QCOW2: ['.qcow2', '.qcow', '.img'],
  RAW: ['.img', '.raw', '.bin'],
  ISO: ['.iso'],
  VAGRANT_BOX: ['.box'],
};

/** The Content-Type objects are stored with: a fixed binary type per format, never the client's. */
export const FORMAT_CONTENT_TYPES: Record<FileFormat, string> = {
  OVA: 'application/x-tar',
  OVF: 'application/zip',
  VMDK: 'application/octet-stream',
  QCOW2: 'application/octet-stream',
  RAW: 'application/octet-stream',
  ISO: 'application/x-iso9660-image',
  VAGRANT_BOX: 'application/octet-stream',
};

/** Content types a client may announce; anything else (text/html, image/svg+xml, …) is refused. */
export const ACCEPTED_CONTENT_TYPES = new Set([
  '',
  'application/octet-stream',
  'application/x-tar',
  'application/tar',
  'application/gzip',
  'application/x-gzip',
  'application/zip',
  'application/x-zip-compressed',
  'application/x-iso9660-image',
  'application/x-cd-image',
  'application/vnd.efi.iso',
  'application/x-raw-disk-image',
  'application/x-qemu-disk',
  'application/x-virtualbox-ova',
  'application/x-virtualbox-vmdk',
  'application/x-vmdk',
  'application/ovf',
  'application/x-vagrant-box',
]);

/** Vagrant providers a box may name; other formats have no provider. */
export const VAGRANT_PROVIDERS = ['virtualbox', 'libvirt', 'vmware_desktop', 'hyperv', 'parallels', 'qemu', 'docker'] as const;

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The format a file name most likely is (what the upload page preselects), or null. */
export function guessFormat(fileName: string): FileFormat | null {
  const ext = extensionOf(fileName);
  if (ext === '.img') return 'RAW';
  for (const [format, exts] of Object.entries(FORMAT_EXTENSIONS) as [FileFormat, readonly string[]][]) {
    if (exts.includes(ext)) return format;
  }
  return null;
}

/** The architecture a file name hints at, defaulting to amd64. */
export function guessArchitecture(fileName: string): Architecture {
  const n = fileName.toLowerCase();
  if (/(?:^|[^a-z0-9])(?:arm64|aarch64)(?:[^a-z0-9]|$)/.test(n)) return 'ARM64';
  if (/(?:^|[^a-z0-9])(?:i386|i686|x86(?!_64))(?:[^a-z0-9]|$)/.test(n)) return 'I386';
  return 'AMD64';
}

/** Why a file name does not fit a format, or null when it does. */
export function fileNameProblem(fileName: string, format: FileFormat): string | null {
  const ext = extensionOf(fileName);
  const allowed = FORMAT_EXTENSIONS[format];
  if (allowed.includes(ext)) return null;
  return `A ${format === 'VAGRANT_BOX' ? 'Vagrant box' : format} file must end in ${allowed.join(', ')}${ext ? ` (this one ends in ${ext})` : ''}.`;
}
