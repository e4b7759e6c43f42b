import { ascii, u16le, u32le, u64le } from '@/lib/core/inside/disk/bytes';
import type { ByteSource, InsideFinding } from '@/lib/core/inside/types';

export interface Partition {
  /** 1-4 primary MBR, 5+ logical; GPT entry index + 1. */
  number: number;
  start: number;
  size: number;
  /** MBR type byte as two hex digits, or the GPT type GUID. */
  type: string;
  name?: string;
}

export interface PartitionTable {
  kind: 'mbr' | 'gpt' | 'none';
  partitions: Partition[];
  findings: InsideFinding[];
}

const SECTOR = 512;
const MAX_LOGICAL = 128;
const MAX_GPT_ENTRIES_BYTES = 1024 * 1024;
const EXTENDED = new Set([0x05, 0x0f, 0x85]);

function invalid(title: string, detail: string): InsideFinding {
  return { code: 'partition-table-invalid', severity: 'medium', title, detail };
}

/** A FAT or NTFS boot sector also ends in 55 AA; it is a whole-disk filesystem, not an MBR. */
function isBootSectorFilesystem(s: Uint8Array): boolean {
  return ascii(s, 3, 8) === 'NTFS    ' || ascii(s, 54, 5) === 'FAT12' || ascii(s, 54, 5) === 'FAT16' || ascii(s, 82, 5) === 'FAT32';
}

/** MBR (primary, extended and logical partitions) or GPT; partitions outside the disk or overlapping are findings. */
export async function readPartitionTable(disk: ByteSource): Promise<PartitionTable> {
  const findings: InsideFinding[] = [];
  if (disk.size < 2 * SECTOR) return { kind: 'none', partitions: [], findings };
  const mbr = await disk.read(0, SECTOR);
  if (mbr[510] !== 0x55 || mbr[511] !== 0xaa || isBootSectorFilesystem(mbr)) return { kind: 'none', partitions: [], findings };
  const entries = [0, 1, 2, 3].map((i) => {
    const at = 446 + i * 16;
    return { status: mbr[at], type: mbr[at + 4], start: u32le(mbr, at + 8), sectors: u32le(mbr, at + 12) };
  });
  if (entries.some((e) => e.status !== 0 && e.status !== 0x80)) return { kind: 'none', partitions: [], findings };
  let kind: PartitionTable['kind'] = 'mbr';
  let partitions: Partition[] = [];
  if (entries.some((e) => e.type === 0xee)) {
    const gpt = await readGpt(disk, findings);
    if (gpt) {
      kind = 'gpt';
      partitions = gpt;
    } else {
      findings.push(invalid('The GPT partition table is damaged', 'The disk has a protective MBR but no readable GPT header, so its partitions cannot be found.'));
      return { kind: 'gpt', partitions: [], findings };
    }
  } else {
    entries.forEach((e, i) => {
      if (e.type === 0 || e.sectors === 0) return;
      if (EXTENDED.has(e.type)) return;
      partitions.push({ number: i + 1, start: e.start * SECTOR, size: e.sectors * SECTOR, type: hex(e.type) });
    });
    const extended = entries.find((e) => EXTENDED.has(e.type) && e.sectors > 0);
    if (extended) partitions.push(...(await readLogical(disk, extended.start, extended.sectors, findings)));
  }
  return { kind, partitions: checkBounds(disk, partitions, findings), findings };
}

async function readLogical(disk: ByteSource, extStart: number, extSectors: number, findings: InsideFinding[]): Promise<Partition[]> {
  const out: Partition[] = [];
  const seen = new Set<number>();
  let ebr = extStart;
  for (let n = 5; ; n++) {
    if (seen.has(ebr) || out.length >= MAX_LOGICAL) {
      findings.push(invalid('The extended partition chain loops', 'The chain of logical partitions points back on itself; the partitions found before the loop are listed.'));
      break;
    }
    seen.add(ebr);
    if ((ebr + 1) * SECTOR > disk.size) {
      findings.push(invalid('A logical partition table lies past the end of the disk', `An extended boot record at sector ${ebr} is beyond the disk's ${disk.size} bytes.`));
      break;
    }
    const s = await disk.read(ebr * SECTOR, SECTOR);
    if (s[510] !== 0x55 || s[511] !== 0xaa) {
      findings.push(invalid('A logical partition table is damaged', `The extended boot record at sector ${ebr} has no signature.`));
      break;
    }
    const type = s[446 + 4];
    const rel = u32le(s, 446 + 8);
    const sectors = u32le(s, 446 + 12);
    if (type !== 0 && sectors > 0) out.push({ number: n, start: (ebr + rel) * SECTOR, size: sectors * SECTOR, type: hex(type) });
    const nextType = s[462 + 4];
    const nextRel = u32le(s, 462 + 8);
    if (nextType === 0 || nextRel === 0) break;
    if (nextRel >= extSectors) {
      findings.push(invalid('A logical partition lies outside its extended partition', `The next extended boot record is ${nextRel} sectors into an extended partition of ${extSectors}.`));
      break;
    }
    ebr = extStart + nextRel;
  }
  return out;
}

async function readGpt(disk: ByteSource, findings: InsideFinding[]): Promise<Partition[] | null> {
  const h = await disk.read(SECTOR, SECTOR);
  if (ascii(h, 0, 8) !== 'EFI PART') return null;
  const entriesLba = u64le(h, 72);
  const count = u32le(h, 80);
  const entrySize = u32le(h, 84);
  if (entrySize < 128 || entrySize % 8 !== 0 || count * entrySize > MAX_GPT_ENTRIES_BYTES) {
    findings.push(invalid('The GPT partition entries are implausible', `${count} entries of ${entrySize} bytes were declared.`));
    return [];
  }
  if ((entriesLba * SECTOR) + count * entrySize > disk.size) {
    findings.push(invalid('The GPT partition entries lie past the end of the disk', 'The GPT header points beyond the disk.'));
    return [];
  }
  const table = await disk.read(entriesLba * SECTOR, count * entrySize);
  const out: Partition[] = [];
  for (let i = 0; i < count; i++) {
    const e = table.subarray(i * entrySize, (i + 1) * entrySize);
    if (e.subarray(0, 16).every((b) => b === 0)) continue;
    const first = u64le(e, 32);
    const last = u64le(e, 40);
    if (last < first) {
      findings.push(invalid(`GPT partition ${i + 1} ends before it starts`, 'The partition was skipped.'));
      continue;
    }
    let name = '';
    for (let j = 56; j + 1 < 128; j += 2) {
      const c = u16le(e, j);
      if (c === 0) break;
      name += String.fromCharCode(c);
    }
    out.push({ number: i + 1, start: first * SECTOR, size: (last - first + 1) * SECTOR, type: guid(e.subarray(0, 16)), name: name || undefined });
  }
  return out;
}

function checkBounds(disk: ByteSource, partitions: Partition[], findings: InsideFinding[]): Partition[] {
  const inside: Partition[] = [];
  for (const p of partitions) {
    if (p.start >= disk.size || p.start + p.size > disk.size) {
      findings.push(
        invalid(
          `Partition ${p.number} extends past the end of the disk`,
          `It claims bytes ${p.start}–${p.start + p.size} of a ${disk.size}-byte disk. ${p.start < disk.size ? 'Only the part inside the disk is read.' : 'It was not read.'}`,
        ),
      );
      if (p.start >= disk.size) continue;
      inside.push({ ...p, size: disk.size - p.start });
      continue;
    }
    inside.push(p);
  }
  const sorted = [...inside].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (sorted[i].start < prev.start + prev.size) {
      findings.push(
        invalid(`Partitions ${prev.number} and ${sorted[i].number} overlap`, 'Two partitions claim the same sectors; a tool that writes to one corrupts the other.'),
      );
    }
  }
  return inside;
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function guid(b: Uint8Array): string {
  const h = (from: number, to: number, reverse: boolean) => {
    const bytes = Array.from(b.subarray(from, to));
    if (reverse) bytes.reverse();
    return bytes.map((x) => x.toString(16).padStart(2, '0')).join('');
  };
  return `${h(0, 4, true)}-${h(4, 6, true)}-${h(6, 8, true)}-${h(8, 10, false)}-${h(10, 16, false)}`;
}
