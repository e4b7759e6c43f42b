import { InsideError } from '@/lib/core/inside/errors';
import { readExact } from '@/lib/core/inside/disk/bytes';
import type { ByteSource } from '@/lib/core/inside/types';
import { MAX_MEMBERS, type PackageMember } from './members';

const BLOCK = 512;
const MAX_LONG_HEADER = 64 * 1024;

function field(b: Uint8Array, at: number, length: number): string {
  const bytes = b.subarray(at, at + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

function numeric(b: Uint8Array, at: number, length: number, what: string): number {
  if (b[at] & 0x80) {
    // GNU base-256 for sizes of 8 GiB and more.
    let v = 0;
    for (let i = 1; i < length; i++) v = v * 256 + b[at + i];
    v += (b[at] & 0x7f) * 256 ** (length - 1);
    if (!Number.isSafeInteger(v)) throw new InsideError('disk-invalid', `${what}: size out of range`);
    return v;
  }
  const text = field(b, at, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new InsideError('disk-invalid', `${what}: invalid number in a tar header`);
  return parseInt(text, 8);
}

function checksumOk(h: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  const stored = parseInt(field(h, 148, 8).trim(), 8);
  return sum === stored;
}

/** Lists a tar's regular members by reading only its 512-byte headers; member data is skipped. */
export async function listTarMembers(source: ByteSource): Promise<PackageMember[]> {
  const members: PackageMember[] = [];
  let at = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  let paxSize: number | undefined;
  for (let count = 0; at + BLOCK <= source.size; count++) {
    if (count > MAX_MEMBERS * 3) throw new InsideError('disk-invalid', `${source.name}: too many tar members`);
    const h = await readExact(source, at, BLOCK, 'tar header');
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new InsideError('disk-invalid', `${source.name}: a tar header at offset ${at} is damaged`);
    const type = String.fromCharCode(h[156] || 0x30);
    const size = paxSize ?? numeric(h, 124, 12, source.name);
    const dataAt = at + BLOCK;
    if (dataAt + size > source.size) throw new InsideError('disk-invalid', `${source.name}: a tar member runs past the end of the file`);
    const next = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L' || type === 'x') {
      if (size > MAX_LONG_HEADER) throw new InsideError('disk-invalid', `${source.name}: a tar extended header is too large`);
      const text = new TextDecoder().decode(await readExact(source, dataAt, size, 'tar extended header'));
      if (type === 'L') longName = text.replace(/\0.*$/s, '');
      else {
        for (const record of parsePax(text)) {
          if (record.key === 'path') paxPath = record.value;
          if (record.key === 'size' && /^\d+$/.test(record.value)) paxSize = Number(record.value);
        }
      }
      at = next;
      continue;
    }
    if (type === 'g') {
      at = next;
      continue;
    }
    const prefix = field(h, 257, 6) === 'ustar' ? field(h, 345, 155) : '';
    const name = (paxPath ?? longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100))).replace(/^\.\//, '');
    if (type === '0' || type === '7') {
      members.push({ name, offset: dataAt, size, stored: true });
      if (members.length > MAX_MEMBERS) throw new InsideError('disk-invalid', `${source.name}: too many tar members`);
    }
    longName = paxPath = paxSize = undefined;
    at = next;
  }
  return members;
}

function parsePax(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const line of text.split('\n')) {
    const m = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (m) out.push({ key: m[1], value: m[2] });
  }
  return out;
}

export function looksLikeTar(head: Uint8Array): boolean {
  return head.length >= BLOCK && (field(head, 257, 5) === 'ustar' || checksumOk(head.subarray(0, BLOCK)));
}
