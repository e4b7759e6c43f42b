import { gzipSync } from 'node:zlib';

export interface TarEntry {
  /** Relative member name: printable ASCII, at most 100 bytes, no `..`, no leading `/`. */
  name: string;
  bytes: Uint8Array;
}

export interface TarOptions {
  /** Modification time of every member, in seconds since the epoch. Fixed so output is deterministic. */
  mtime?: number;
}

/** 2025-01-01T00:00:00Z: a fixed, plausible time stamp for generated archives. */
export const DEFAULT_MTIME = 1735689600;

const BLOCK = 512;
/** GNU tar writes whole records of 20 blocks; some readers expect that. */
const RECORD = 20 * BLOCK;
const MAX_MEMBER_SIZE = 8 ** 11 - 1; // 11 octal digits

function checkName(name: string): void {
  if (!/^[\x21-\x7e][\x20-\x7e]{0,99}$/.test(name)) {
    throw new RangeError(`tar member name must be 1-100 printable ASCII characters: ${JSON.stringify(name)}`);
  }
  if (name.startsWith('/') || name.split('/').some((part) => part === '..' || part === '')) {
    throw new RangeError(`tar member name must be a plain relative path: ${JSON.stringify(name)}`);
  }
}

function octal(view: Uint8Array, offset: number, width: number, value: number): void {
  const digits = value.toString(8).padStart(width - 1, '0');
  for (let i = 0; i < digits.length; i++) view[offset + i] = digits.charCodeAt(i);
  view[offset + width - 1] = 0;
}

function ascii(view: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view[offset + i] = text.charCodeAt(i);
}

function ustarHeader(name: string, size: number, mtime: number): Uint8Array {
  const header = new Uint8Array(BLOCK);
  ascii(header, 0, name);
  octal(header, 100, 8, 0o644); // mode
  octal(header, 108, 8, 0); // uid
  octal(header, 116, 8, 0); // gid
  octal(header, 124, 12, size);
  octal(header, 136, 12, mtime);
  ascii(header, 148, '        '); // checksum counts as spaces while summing
  header[156] = 0x30; // '0': regular file
  ascii(header, 257, 'ustar\u000000'); // magic "ustar\0", version "00"
  ascii(header, 265, 'root'); // uname
  ascii(header, 297, 'root'); // gname
  let sum = 0;
  for (const byte of header) sum += byte;
  octal(header, 148, 7, sum); // six digits, NUL
  header[155] = 0x20; // then a space, as POSIX tar writes it
  return header;
}

/** A USTAR archive of `entries`, in order, padded to whole 10 KiB records. */
export function makeTar(entries: TarEntry[], { mtime = DEFAULT_MTIME }: TarOptions = {}): Uint8Array {
  if (!Number.isSafeInteger(mtime) || mtime < 0) throw new RangeError(`tar mtime must be a non-negative integer (got ${mtime})`);
  const seen = new Set<string>();
  let length = 2 * BLOCK; // end-of-archive: two zero blocks
  for (const entry of entries) {
    checkName(entry.name);
    if (seen.has(entry.name)) throw new RangeError(`duplicate tar member ${entry.name}`);
    seen.add(entry.name);
    if (entry.bytes.length > MAX_MEMBER_SIZE) throw new RangeError(`tar member ${entry.name} is too large for USTAR`);
    length += BLOCK + Math.ceil(entry.bytes.length / BLOCK) * BLOCK;
  }
  const archive = new Uint8Array(Math.ceil(length / RECORD) * RECORD);
  let offset = 0;
  for (const entry of entries) {
    archive.set(ustarHeader(entry.name, entry.bytes.length, mtime), offset);
    archive.set(entry.bytes, offset + BLOCK);
    offset += BLOCK + Math.ceil(entry.bytes.length / BLOCK) * BLOCK;
  }
  return archive;
}

/** gzip with a fixed header (no name, mtime 0, OS "Unix") so the output does not depend on the host. */
export function gzipDeterministic(bytes: Uint8Array): Uint8Array {
  const gz = gzipSync(bytes, { level: 9 });
  gz[9] = 3; // OS byte: zlib fills in the build platform
  return gz;
}
