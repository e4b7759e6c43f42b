import type { ByteSource } from '@/lib/core/inside/types';

/** Bytes already in memory (tests, small members). */
export function memorySource(bytes: Uint8Array, name = 'memory'): ByteSource {
  return {
    size: bytes.length,
    name,
    async read(offset, length) {
      checkRange(offset, length);
      return bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length));
    },
  };
}

/** Offsets and lengths must be safe non-negative integers; anything else is a bug in the caller. */
export function checkRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new RangeError(`invalid read range ${offset}+${length}`);
  }
}
