import { InsideError } from '@/lib/core/inside/errors';
import { readExact, u16le, u32le, u64le } from '@/lib/core/inside/disk/bytes';
import type { ByteSource } from '@/lib/core/inside/types';
import { MAX_MEMBERS, type PackageMember } from './members';

const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;

/** Lists a zip's members from its central directory (zip64 included); data offsets come from local headers. */
export async function listZipMembers(source: ByteSource): Promise<PackageMember[]> {
  const name = source.name;
  const tailLength = Math.min(source.size, 65557);
  const tail = await readExact(source, source.size - tailLength, tailLength, 'zip end record');
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32le(tail, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new InsideError('disk-invalid', `${name} is not a zip archive (no end record)`);
  let entries = u16le(tail, eocd + 10);
  let cdSize = u32le(tail, eocd + 12);
  let cdOffset = u32le(tail, eocd + 16);
  if ((cdOffset === 0xffffffff || entries === 0xffff || cdSize === 0xffffffff) && eocd >= 20 && u32le(tail, eocd - 20) === 0x07064b50) {
    const z64At = u64le(tail, eocd - 20 + 8);
    const z64 = await readExact(source, z64At, 56, 'zip64 end record');
    if (u32le(z64, 0) !== 0x06064b50) throw new InsideError('disk-invalid', `${name}: the zip64 end record is damaged`);
    entries = u64le(z64, 32);
    cdSize = u64le(z64, 40);
    cdOffset = u64le(z64, 48);
  }
  if (entries > MAX_MEMBERS) throw new InsideError('disk-invalid', `${name}: too many zip members`);
  if (cdSize > MAX_CENTRAL_DIRECTORY) throw new InsideError('disk-invalid', `${name}: the zip directory is implausibly large`);
  const cd = await readExact(source, cdOffset, cdSize, 'zip central directory');
  const members: PackageMember[] = [];
  let at = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > cd.length || u32le(cd, at) !== 0x02014b50) throw new InsideError('disk-invalid', `${name}: the zip directory is damaged`);
    const method = u16le(cd, at + 10);
    let compressedSize = u32le(cd, at + 20);
    let size = u32le(cd, at + 24);
    const nameLength = u16le(cd, at + 28);
    const extraLength = u16le(cd, at + 30);
    const commentLength = u16le(cd, at + 32);
    let localOffset = u32le(cd, at + 42);
    const memberName = new TextDecoder().decode(cd.subarray(at + 46, at + 46 + nameLength));
    const extra = cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = u16le(extra, e);
      const len = u16le(extra, e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff && p + 8 <= e + 4 + len) {
          size = u64le(extra, p);
          p += 8;
        }
        if (compressedSize === 0xffffffff && p + 8 <= e + 4 + len) {
          compressedSize = u64le(extra, p);
          p += 8;
        }
        if (localOffset === 0xffffffff && p + 8 <= e + 4 + len) localOffset = u64le(extra, p);
      }
      e += 4 + len;
    }
    at += 46 + nameLength + extraLength + commentLength;
    if (memberName.endsWith('/')) continue;
    const local = await readExact(source, localOffset, 30, 'zip local header');
    if (u32le(local, 0) !== 0x04034b50) throw new InsideError('disk-invalid', `${name}: a zip local header is damaged`);
    const dataAt = localOffset + 30 + u16le(local, 26) + u16le(local, 28);
    if (dataAt + compressedSize > source.size) throw new InsideError('disk-invalid', `${name}: a zip member runs past the end of the file`);
    members.push({ name: memberName, offset: dataAt, size: method === 0 ? size : compressedSize, stored: method === 0 });
  }
  return members;
}
