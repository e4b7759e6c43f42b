import type { PartitionInfo, RawInfo } from './types';

const SECTOR = 512;

export function hasMbrSignature(head: Uint8Array): boolean {
  return head.byteLength >= 512 && head[510] === 0x55 && head[511] === 0xaa;
}

export function hasGptHeader(head: Uint8Array): boolean {
  return head.byteLength >= 520 && new TextDecoder('latin1').decode(head.subarray(512, 520)) === 'EFI PART';
}

function guid(bytes: Uint8Array): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = Array.from(bytes.subarray(from, to), (b) => b.toString(16).padStart(2, '0'));
    return (reverse ? part.reverse() : part).join('');
  };
  // The first three fields are little-endian, the rest big-endian (mixed-endian GUID layout).
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`.toUpperCase();
}

function readGpt(head: Uint8Array): PartitionInfo[] {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const entriesLba = Number(view.getBigUint64(512 + 72, true));
  const count = view.getUint32(512 + 80, true);
  const size = view.getUint32(512 + 84, true);
  const partitions: PartitionInfo[] = [];
  if (size < 128 || size > 4096) return partitions;
  for (let i = 0; i < Math.min(count, 256); i++) {
    const at = entriesLba * SECTOR + i * size;
    if (at + 128 > head.byteLength) break; // entries beyond the head are not read: the stream has moved on
    const type = head.subarray(at, at + 16);
    if (type.every((b) => b === 0)) continue;
    const first = Number(view.getBigUint64(at + 32, true));
    const last = Number(view.getBigUint64(at + 40, true));
    const name = new TextDecoder('utf-16le').decode(head.subarray(at + 56, at + 128)).replace(/\0.*$/s, '');
    partitions.push({ index: i + 1, type: guid(type), startBytes: first * SECTOR, sizeBytes: (last - first + 1) * SECTOR, name: name || undefined });
  }
  return partitions;
}

function readMbr(head: Uint8Array): PartitionInfo[] {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const partitions: PartitionInfo[] = [];
  for (let i = 0; i < 4; i++) {
    const at = 446 + i * 16;
    const type = head[at + 4];
    if (type === 0) continue;
    partitions.push({
      index: i + 1,
      type: `0x${type.toString(16).padStart(2, '0')}`,
      startBytes: view.getUint32(at + 8, true) * SECTOR,
      sizeBytes: view.getUint32(at + 12, true) * SECTOR,
      bootable: head[at] === 0x80,
    });
  }
  return partitions;
}

/** Partition table summary from the first 64 KiB; the size is the whole stream's. */
export function parseRawDisk(head: Uint8Array, sizeBytes: number): RawInfo {
  if (hasGptHeader(head)) return { partitionTable: 'gpt', partitions: readGpt(head), sizeBytes };
  if (hasMbrSignature(head)) return { partitionTable: 'mbr', partitions: readMbr(head), sizeBytes };
  return { partitionTable: 'none', partitions: [], sizeBytes };
}
