import { InspectError } from './errors';
import type { UnreadableValue, VmdkExtent, VmdkInfo } from './types';

export const VMDK_SPARSE_MAGIC = [0x4b, 0x44, 0x4d, 0x56]; // "KDMV"
export const VMDK_DESCRIPTOR_SIGNATURE = '# Disk DescriptorFile';

const SECTOR = 512;
const MAX_EMBEDDED_DESCRIPTOR = 64 * 1024;
const FLAG_COMPRESSED = 1 << 16;

interface DescriptorFacts {
  createType?: string;
  extents: VmdkExtent[];
  extentSectors: number;
  parent?: string;
  unreadable: UnreadableValue[];
}

// ACCESS SECTORS TYPE ["FILE" [OFFSET]], e.g. `RW 4192256 FLAT "disk-flat.vmdk" 0`, `RW 2048 ZERO`.
const EXTENT_LINE = /^(RW|RDONLY|NOACCESS)\s+(\d+)\s+([A-Za-z]+)(?:\s+"([^"]*)"(?:\s+(\d+))?)?$/;

/** The descriptor's facts; extent lines it cannot read are kept as unreadable for validateReport. */
function readDescriptor(text: string, label: string): DescriptorFacts {
  const facts: DescriptorFacts = { extents: [], extentSectors: 0, unreadable: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\0.*$/s, '').trim();
    const pair = /^([A-Za-z.]+)\s*=\s*"?([^"]*)"?$/.exec(line);
    if (pair) {
      if (pair[1] === 'createType') facts.createType = pair[2];
      if (pair[1] === 'parentFileNameHint' && pair[2]) facts.parent = pair[2];
      continue;
    }
    if (!/^(RW|RDONLY|NOACCESS)\s/.test(line)) continue;
    const extent = EXTENT_LINE.exec(line);
    const sectors = extent ? Number(extent[2]) : NaN;
    if (!extent || !Number.isSafeInteger(sectors)) {
      facts.unreadable.push({ field: `an extent line of ${label}`, value: line.slice(0, 200), expected: 'ACCESS SECTORS TYPE "FILE" [OFFSET]' });
      continue;
    }
    const entry: VmdkExtent = { access: extent[1], sectors, type: extent[3].toUpperCase() };
    if (extent[4] !== undefined) entry.file = extent[4];
    if (extent[5] !== undefined) entry.offsetSectors = Number(extent[5]);
    facts.extents.push(entry);
    facts.extentSectors += sectors;
  }
  return facts;
}

function refuseParent(facts: DescriptorFacts, label: string): void {
  if (facts.parent) {
    throw new InspectError('VMDK_PARENT', `${label} is a delta disk on the parent "${facts.parent}"; upload a standalone disk.`);
  }
}

/**
 * A VMDK from its first bytes: the KDMV sparse header with its embedded descriptor, or a text descriptor.
 * Extent lines are reported, not judged: validateReport resolves the files they name inside the package.
 * `unreadable` collects extent lines that could not be read.
 */
export function parseVmdkHeader(head: Uint8Array, label: string, unreadable: UnreadableValue[] = []): VmdkInfo {
  if (head[0] === VMDK_SPARSE_MAGIC[0] && head[1] === VMDK_SPARSE_MAGIC[1] && head[2] === VMDK_SPARSE_MAGIC[2] && head[3] === VMDK_SPARSE_MAGIC[3]) {
    if (head.byteLength < 79) throw new InspectError('VMDK_INVALID', `${label} ends inside its VMDK header.`);
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const version = view.getUint32(4, true);
    if (version < 1 || version > 3) throw new InspectError('VMDK_INVALID', `${label} is VMDK sparse version ${version}, which does not exist.`);
    const flags = view.getUint32(8, true);
    const capacitySectors = view.getBigUint64(12, true);
    const descriptorOffset = Number(view.getBigUint64(28, true)) * SECTOR;
    const descriptorSize = Number(view.getBigUint64(36, true)) * SECTOR;
    const info: VmdkInfo = { kind: 'sparse', capacityBytes: Number(capacitySectors) * SECTOR, compressed: (flags & FLAG_COMPRESSED) !== 0 };
    // The embedded descriptor names the extents; one the head does not hold could hide a reference elsewhere.
    if (descriptorOffset > 0 && (descriptorOffset + descriptorSize > head.byteLength || descriptorSize > MAX_EMBEDDED_DESCRIPTOR)) {
      throw new InspectError(
        'VMDK_INVALID',
        `${label} keeps its embedded descriptor at bytes ${descriptorOffset}–${descriptorOffset + descriptorSize}, beyond the first ${head.byteLength} bytes where its extents can be checked.`,
      );
    }
    if (descriptorOffset > 0) {
      const end = Math.min(head.byteLength, descriptorOffset + descriptorSize);
      const facts = readDescriptor(new TextDecoder('latin1').decode(head.subarray(descriptorOffset, end)), label);
      refuseParent(facts, label);
      if (facts.createType) info.createType = facts.createType;
      info.extents = facts.extents;
      unreadable.push(...facts.unreadable);
    }
    return info;
  }
  const text = new TextDecoder('latin1').decode(head.subarray(0, 64 * 1024));
  if (!text.startsWith(VMDK_DESCRIPTOR_SIGNATURE)) throw new InspectError('VMDK_INVALID', `${label} is not a VMDK.`);
  const facts = readDescriptor(text, label);
  refuseParent(facts, label);
  unreadable.push(...facts.unreadable);
  return { kind: 'descriptor', createType: facts.createType, capacityBytes: facts.extentSectors * SECTOR, extents: facts.extents };
}
