import { InspectError } from './errors';
import type { BoxInfo } from './types';

const GiB = 2 ** 30;

export type BoxMetadata = Pick<BoxInfo, 'provider' | 'format' | 'virtualSizeBytes' | 'architecture'>;

/**
 * A box's metadata.json. `provider` is what Vagrant itself requires; `virtual_size` is in GB as the
 * libvirt provider writes it (qemu's "G", i.e. GiB).
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
  const meta: BoxMetadata = { provider: provider.trim() };
  if (typeof record.format === 'string') meta.format = record.format;
  const size = typeof record.virtual_size === 'string' ? Number(record.virtual_size) : record.virtual_size;
  if (typeof size === 'number' && Number.isFinite(size) && size > 0) meta.virtualSizeBytes = Math.round(size * GiB);
  if (typeof record.architecture === 'string') meta.architecture = record.architecture;
  return meta;
}
