import { InsideError } from '@/lib/core/inside/errors';
import { Lru } from '@/lib/core/inside/lru';
import type { ByteSource } from '@/lib/core/inside/types';
import { ascii, readExact, u32be, u64be, u64beBig } from './bytes';
import { decompress, type Compression } from './decompress';
import { readUnits } from './unit-disk';

export const QCOW2_MAGIC = 'QFI\xfb';
const MAX_L1_BYTES = 32 * 1024 * 1024;
const OFFSET_MASK = 0x00fffffffffffe00n;
const COMPRESSED = 1n << 62n;

export interface Qcow2Disk {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** qcow2 v2/v3 without backing file or encryption: L1 → L2 → cluster, compressed clusters included. */
export async function openQcow2(source: ByteSource): Promise<Qcow2Disk> {
  const name = source.name;
  const h = await readExact(source, 0, Math.min(512, source.size), 'qcow2 header');
  if (h.length < 72 || ascii(h, 0, 4) !== QCOW2_MAGIC) throw new InsideError('disk-invalid', `${name} is not a qcow2 image`);
  const version = u32be(h, 4);
  if (version !== 2 && version !== 3) throw new InsideError('disk-invalid', `${name}: qcow2 version ${version} is not supported`);
  if (u64be(h, 8) !== 0) throw new InsideError('disk-invalid', `${name} has a backing file; only self-contained images can be read`);
  const clusterBits = u32be(h, 20);
  if (clusterBits < 9 || clusterBits > 21) throw new InsideError('disk-invalid', `${name}: cluster size 2^${clusterBits} is invalid`);
  const clusterSize = 2 ** clusterBits;
  const size = u64be(h, 24);
  if (u32be(h, 32) !== 0) throw new InsideError('disk-invalid', `${name} is encrypted; its contents cannot be read`);
  const l1Size = u32be(h, 36);
  const l1Offset = u64be(h, 40);
  let compression: Compression = 'deflate-raw';
  if (version === 3 && h.length >= 104) {
    const incompatible = u64beBig(h, 72);
    if (incompatible & 2n) throw new InsideError('disk-invalid', `${name} is marked corrupt by qemu`);
    if (incompatible & 4n) throw new InsideError('disk-invalid', `${name} keeps its data in an external file`);
    if (incompatible & 16n) throw new InsideError('disk-invalid', `${name} uses extended L2 entries, which are not supported`);
    if (incompatible & ~0x1fn) throw new InsideError('disk-invalid', `${name} uses unknown incompatible qcow2 features`);
    const headerLength = u32be(h, 100);
    if (incompatible & 8n && headerLength > 104) {
      const type = h[104];
      if (type === 1) compression = 'zstd';
      else if (type !== 0) throw new InsideError('disk-invalid', `${name}: compression type ${type} is unknown`);
    }
  }
  const l2Entries = clusterSize / 8;
  const needL1 = Math.ceil(size / (clusterSize * l2Entries));
  if (l1Size < needL1) throw new InsideError('disk-invalid', `${name}: the L1 table is too small for the disk size`);
  if (l1Size * 8 > MAX_L1_BYTES) throw new InsideError('disk-invalid', `${name}: the L1 table is implausibly large`);
  const l1 = await readExact(source, l1Offset, l1Size * 8, 'qcow2 L1 table');
  const l2Cache = new Lru<number, Promise<Uint8Array>>(64);
  const clusterCache = new Lru<number, Promise<Uint8Array>>(32);

  function l2Table(offset: number): Promise<Uint8Array> {
    let t = l2Cache.get(offset);
    if (!t) {
      if (offset % clusterSize !== 0 || offset + clusterSize > source.size) {
        return Promise.reject(new InsideError('disk-invalid', `${name}: an L2 table points outside the file (offset ${offset})`));
      }
      t = readExact(source, offset, clusterSize, 'qcow2 L2 table');
      t.catch(() => undefined);
      l2Cache.set(offset, t);
    }
    return t;
  }

  function compressedCluster(entry: bigint): Promise<Uint8Array> {
    const x = 62 - (clusterBits - 8);
    const hostOffset = Number(entry & ((1n << BigInt(x)) - 1n));
    const sectors = Number((entry >> BigInt(x)) & ((1n << BigInt(62 - x)) - 1n)) + 1;
    const key = hostOffset;
    let c = clusterCache.get(key);
    if (!c) {
      const length = Math.min(sectors * 512 - (hostOffset % 512), source.size - hostOffset);
      if (hostOffset >= source.size || length <= 0) {
        return Promise.reject(new InsideError('disk-invalid', `${name}: a compressed cluster points outside the file (offset ${hostOffset})`));
      }
      c = source.read(hostOffset, length).then((raw) => decompress(raw, compression, clusterSize, `${name} cluster at ${hostOffset}`));
      c.catch(() => undefined);
      clusterCache.set(key, c);
    }
    return c;
  }

  const read = readUnits(size, clusterSize, async (index, from, to) => {
    const l1Index = Math.floor(index / l2Entries);
    const l2Offset = Number((u64beBig(l1, l1Index * 8) & OFFSET_MASK));
    if (l2Offset === 0) return null;
    const table = await l2Table(l2Offset);
    const entry = u64beBig(table, (index % l2Entries) * 8);
    if (entry & COMPRESSED) {
      return (await compressedCluster(entry)).subarray(from, to);
    }
    if (entry & 1n) return null; // reads as zeros (v3)
    const host = Number(entry & OFFSET_MASK);
    if (host === 0) return null;
    if (host % clusterSize !== 0 || host + to > source.size) {
      throw new InsideError('disk-invalid', `${name}: a data cluster points outside the file (offset ${host})`);
    }
    return readExact(source, host + from, to - from, 'qcow2 cluster');
  });
  return { size, read };
}
