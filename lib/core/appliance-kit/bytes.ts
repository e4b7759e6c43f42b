import { createHash } from 'node:crypto';

export const MIB = 1024 * 1024;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha1Hex(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function isAllZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Throws unless `raw` looks like a disk image: non-empty, a whole number of 512-byte sectors. */
export function assertDiskImage(raw: Uint8Array, what: string): void {
  if (!(raw instanceof Uint8Array)) throw new TypeError(`${what}: expected a Uint8Array of disk bytes`);
  if (raw.length === 0 || raw.length % 512 !== 0) {
    throw new RangeError(`${what}: a raw disk must be a non-empty multiple of 512 bytes (got ${raw.length})`);
  }
}
