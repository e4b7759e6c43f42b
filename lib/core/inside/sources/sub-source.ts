import { InsideError } from '@/lib/core/inside/errors';
import type { ByteSource } from '@/lib/core/inside/types';
import { checkRange } from './memory-source';

/** The bytes [start, start + size) of another source: a tar or zip member, a partition. */
export function subSource(inner: ByteSource, start: number, size: number, name = inner.name): ByteSource {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(size) || start < 0 || size < 0 || start + size > inner.size) {
    throw new InsideError('disk-invalid', `${name} lies outside ${inner.name} (${start}+${size} > ${inner.size})`);
  }
  return {
    size,
    name,
    async read(offset, length) {
      checkRange(offset, length);
      if (offset >= size) return new Uint8Array(0);
      return inner.read(start + offset, Math.min(length, size - offset));
    },
  };
}
