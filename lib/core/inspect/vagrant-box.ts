import { InspectError } from './errors';
import type { BoxInfo, UnreadableValue } from './types';

const GiB = 2 ** 30;

export type BoxMetadata = Pick<BoxInfo, 'provider' | 'format' | 'virtualSizeBytes' | 'architecture' | 'disks'> & {
  /** Values present but of the wrong type; validateReport refuses them. */
  unreadable: UnreadableValue[];
};

/**
 * A box's metadata.json. `provider` is what Vagrant itself requires; `virtual_size` is in GB as the
 * libvirt provider writes it (qemu's "G", i.e. GiB); `disks[].path` is vagrant-libvirt's list of disk
 * files. Values are taken as stated: their ranges and references are judged by validateReport.
 */
export function parseBoxMetadata(bytes: Uint8Array, name: string): BoxMetadata {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw new InspectError('BOX_METADATA_INVALID', `the box's ${name} is not valid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InspectError('BOX_METADATA_INVALID', `the box's ${name} is not a JSON object.`);
  }
  const record = value as Record<string, unknown>;
  const provider = record.provider;
  if (typeof provider !== 'string' || !provider.trim()) {
    throw new InspectError('BOX_METADATA_INVALID', `the box's ${name} does not name a provider (e.g. "libvirt", "virtualbox").`);
  }
  const unreadable: UnreadableValue[] = [];
  const stated = (key: string) => (typeof record[key] === 'string' ? record[key] : JSON.stringify(record[key]).slice(0, 200));
  const meta: BoxMetadata = { provider: provider.trim(), unreadable };
  if (typeof record.format === 'string') meta.format = record.format;
  else if (record.format !== undefined) unreadable.push({ field: `"format" in ${name}`, value: stated('format'), expected: 'a disk format name such as "qcow2"' });

  const size = typeof record.virtual_size === 'string' && record.virtual_size.trim() ? Number(record.virtual_size) : record.virtual_size;
  if (typeof size === 'number' && Number.isFinite(size)) meta.virtualSizeBytes = Math.round(size * GiB);
  else if (record.virtual_size !== undefined) {
    unreadable.push({ field: `"virtual_size" in ${name}`, value: stated('virtual_size'), expected: 'a size in GB' });
  }

  if (typeof record.architecture === 'string') meta.architecture = record.architecture;
  else if (record.architecture !== undefined) {
    unreadable.push({ field: `"architecture" in ${name}`, value: stated('architecture'), expected: 'an architecture name such as "amd64"' });
  }

  if (record.disks !== undefined) {
    const disks = Array.isArray(record.disks) ? record.disks : undefined;
    const paths = disks?.map((d: unknown) => (typeof d === 'object' && d !== null && 'path' in d ? (d as { path: unknown }).path : undefined));
    if (!paths || !paths.every((p): p is string => typeof p === 'string')) {
      unreadable.push({ field: `"disks" in ${name}`, value: stated('disks'), expected: 'a list of {"path": "…"} entries' });
    } else meta.disks = paths;
  }
  return meta;
}
