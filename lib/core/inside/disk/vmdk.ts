import { InsideError } from '@/lib/core/inside/errors';
import { Lru } from '@/lib/core/inside/lru';
import type { ByteSource } from '@/lib/core/inside/types';
import { ascii, readExact, u16le, u32le, u64le } from './bytes';
import { decompress } from './decompress';
import { readUnits } from './unit-disk';

export const VMDK_MAGIC = 'KDMV';
const GD_AT_END = 0xffffffffffffffff;
const FLAG_COMPRESSED = 1 << 16;
const FLAG_MARKERS = 1 << 17;
const MAX_DESCRIPTOR = 64 * 1024;
const MAX_GD_BYTES = 16 * 1024 * 1024;
const MAX_GRAIN = 16 * 1024 * 1024;

interface SparseHeader {
  flags: number;
  capacitySectors: number;
  grainSectors: number;
  descriptorOffset: number;
  descriptorSize: number;
  gtesPerGt: number;
  gdOffset: number;
  compressAlgorithm: number;
}

function parseHeader(b: Uint8Array, name: string): SparseHeader {
  if (ascii(b, 0, 4) !== VMDK_MAGIC) throw new InsideError('disk-invalid', `${name} is not a VMDK sparse extent`);
  const version = u32le(b, 4);
  if (version < 1 || version > 3) throw new InsideError('disk-invalid', `${name}: VMDK version ${version} is not supported`);
  const gdLow = u32le(b, 56);
  const gdHigh = u32le(b, 60);
  return {
    flags: u32le(b, 8),
    capacitySectors: u64le(b, 12),
    grainSectors: u64le(b, 20),
    descriptorOffset: u64le(b, 28),
    descriptorSize: u64le(b, 36),
    gtesPerGt: u32le(b, 44),
    gdOffset: gdLow === 0xffffffff && gdHigh === 0xffffffff ? GD_AT_END : u64le(b, 56),
    compressAlgorithm: u16le(b, 77),
  };
}

export interface VmdkDisk {
  size: number;
  streamOptimized: boolean;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** VMDK monolithicSparse and streamOptimized (one sparse extent with an embedded descriptor). */
export async function openVmdk(source: ByteSource): Promise<VmdkDisk> {
  const name = source.name;
  let h = parseHeader(await readExact(source, 0, 512, 'VMDK header'), name);
  const descriptor = await readDescriptor(source, h);
  if (/^\s*parentFileNameHint\s*=/m.test(descriptor) || /^\s*parentCID\s*=\s*(?!ffffffff)[0-9a-f]+/im.test(descriptor)) {
    throw new InsideError('disk-invalid', `${name} is a delta disk with a parent; only self-contained images can be read`);
  }
  const createType = /^\s*createType\s*=\s*"([^"]*)"/m.exec(descriptor)?.[1];
  if (h.gdOffset === GD_AT_END) {
    // streamOptimized: the real header is the footer, 1024 bytes before the end (footer marker, footer, EOS marker).
    if (source.size < 1536) throw new InsideError('disk-invalid', `${name} is too short for a VMDK footer`);
    const footer = parseHeader(await readExact(source, source.size - 1024, 512, 'VMDK footer'), name);
    if (footer.gdOffset === GD_AT_END) throw new InsideError('disk-invalid', `${name}: the VMDK footer has no grain directory`);
    h = footer;
  }
  const streamOptimized = createType === 'streamOptimized' || (h.flags & FLAG_COMPRESSED) !== 0;
  if (h.flags & FLAG_COMPRESSED && h.compressAlgorithm !== 1) {
    throw new InsideError('disk-invalid', `${name}: VMDK compression ${h.compressAlgorithm} is unknown`);
  }
  const grainSize = h.grainSectors * 512;
  if (!Number.isSafeInteger(grainSize) || grainSize < 512 || grainSize > MAX_GRAIN || (h.grainSectors & (h.grainSectors - 1)) !== 0) {
    throw new InsideError('disk-invalid', `${name}: grain size of ${h.grainSectors} sectors is invalid`);
  }
  if (h.gtesPerGt < 1 || h.gtesPerGt > 65536) throw new InsideError('disk-invalid', `${name}: ${h.gtesPerGt} entries per grain table is invalid`);
  const size = h.capacitySectors * 512;
  if (!Number.isSafeInteger(size)) throw new InsideError('disk-invalid', `${name}: capacity out of range`);
  const gdEntries = Math.ceil(h.capacitySectors / (h.grainSectors * h.gtesPerGt));
  if (gdEntries * 4 > MAX_GD_BYTES) throw new InsideError('disk-invalid', `${name}: the grain directory is implausibly large`);
  const gd = await readExact(source, h.gdOffset * 512, gdEntries * 4, 'VMDK grain directory');
  const gtBytes = h.gtesPerGt * 4;
  const gtCache = new Lru<number, Promise<Uint8Array>>(128);
  const grainCache = new Lru<number, Promise<Uint8Array>>(64);
  const compressed = (h.flags & FLAG_COMPRESSED) !== 0;
  const markers = (h.flags & FLAG_MARKERS) !== 0;

  function grainTable(sector: number): Promise<Uint8Array> {
    let t = gtCache.get(sector);
    if (!t) {
      if (sector * 512 + gtBytes > source.size) {
        return Promise.reject(new InsideError('disk-invalid', `${name}: a grain table points outside the file (sector ${sector})`));
      }
      t = readExact(source, sector * 512, gtBytes, 'VMDK grain table');
      t.catch(() => undefined);
      gtCache.set(sector, t);
    }
    return t;
  }

  function compressedGrain(sector: number): Promise<Uint8Array> {
    let g = grainCache.get(sector);
    if (!g) {
      g = (async () => {
        const at = sector * 512;
        const head = await readExact(source, at, 12, 'VMDK grain marker');
        const length = u32le(head, 8);
        if (length === 0 || length > grainSize * 2 + 4096 || at + 12 + length > source.size) {
          throw new InsideError('disk-invalid', `${name}: a compressed grain at sector ${sector} has an invalid size`);
        }
        const data = await readExact(source, at + 12, length, 'VMDK grain');
        return decompress(data, 'deflate', grainSize, `${name} grain at sector ${sector}`);
      })();
      g.catch(() => undefined);
      grainCache.set(sector, g);
    }
    return g;
  }

  const read = readUnits(size, grainSize, async (index, from, to) => {
    const gdIndex = Math.floor(index / h.gtesPerGt);
    const gtSector = u32le(gd, gdIndex * 4);
    if (gtSector === 0) return null;
    const table = await grainTable(gtSector);
    const grainSector = u32le(table, (index % h.gtesPerGt) * 4);
    if (grainSector === 0 || grainSector === 1) return null; // unallocated or zero grain
    if (compressed && markers) return (await compressedGrain(grainSector)).subarray(from, to);
    if (compressed) throw new InsideError('disk-invalid', `${name}: compressed grains without markers are not supported`);
    if (grainSector * 512 + to > source.size) {
      throw new InsideError('disk-invalid', `${name}: a grain points outside the file (sector ${grainSector})`);
    }
    return readExact(source, grainSector * 512 + from, to - from, 'VMDK grain');
  });
  return { size, streamOptimized, read };
}

async function readDescriptor(source: ByteSource, h: SparseHeader): Promise<string> {
  if (h.descriptorOffset === 0 || h.descriptorSize === 0) return '';
  const length = Math.min(h.descriptorSize * 512, MAX_DESCRIPTOR);
  const bytes = await readExact(source, h.descriptorOffset * 512, length, 'VMDK descriptor');
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}
