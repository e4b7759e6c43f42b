import { InsideError } from '@/lib/core/inside/errors';
import type { ByteSource } from '@/lib/core/inside/types';

export function u16le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}
export function u32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
}
export function u64le(b: Uint8Array, at: number): number {
  return u32le(b, at) + u32le(b, at + 4) * 0x100000000;
}
export function u32be(b: Uint8Array, at: number): number {
  return b[at] * 0x1000000 + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
}
/** A 64-bit big-endian value as a bigint (qcow2 table entries carry flag bits up high). */
export function u64beBig(b: Uint8Array, at: number): bigint {
  return (BigInt(u32be(b, at)) << 32n) | BigInt(u32be(b, at + 4));
}
export function u64be(b: Uint8Array, at: number): number {
  const v = u32be(b, at) * 0x100000000 + u32be(b, at + 4);
  if (!Number.isSafeInteger(v)) throw new InsideError('disk-invalid', 'a 64-bit field is out of range');
  return v;
}
export function ascii(b: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}
export function cString(b: Uint8Array, at: number, length: number): string {
  const end = b.subarray(at, at + length).indexOf(0);
  return new TextDecoder().decode(b.subarray(at, end < 0 ? at + length : at + end));
}

/** Reads exactly `length` bytes or fails with a message naming what was being read. */
export async function readExact(source: ByteSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > source.size) {
    throw new InsideError('disk-invalid', `${what} at offset ${offset} lies outside ${source.name} (${source.size} bytes)`);
  }
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) throw new InsideError('disk-invalid', `${what}: ${source.name} ended early`);
  return bytes;
}
