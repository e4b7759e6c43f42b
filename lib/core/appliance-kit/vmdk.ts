import { deflateSync } from 'node:zlib';
import { assertDiskImage, isAllZero, sha256Hex, utf8 } from './bytes';

export interface StreamOptimizedVmdkOptions {
  /** Name written in the descriptor's extent line; conventionally the .vmdk's own file name. */
  fileName?: string;
  /** Recorded as ddb.adapterType; also picks the legacy CHS geometry. Default 'ide'. */
  adapterType?: 'ide' | 'lsilogic' | 'buslogic';
}

const SECTOR = 512;
const GRAIN_SECTORS = 128; // 64 KiB grains
const GRAIN_BYTES = GRAIN_SECTORS * SECTOR;
const GTES_PER_GT = 512;
const GT_SECTORS = (GTES_PER_GT * 4) / SECTOR;
/** Header flags: valid newline-detection bytes (bit 0), compressed grains (16), markers (17). */
const FLAGS = 0x1 | 0x10000 | 0x20000;
const COMPRESSION_DEFLATE = 1;
const GD_AT_END = 0xffffffffffffffffn;
const MARKER_EOS = 0;
const MARKER_GT = 1;
const MARKER_GD = 2;
const MARKER_FOOTER = 3;

const sectorsFor = (bytes: number) => Math.ceil(bytes / SECTOR);

/** The 512-byte SparseExtentHeader, used both at the start and as the footer. */
function sparseHeader(fields: {
  capacitySectors: number;
  descriptorSectors: number;
  gdOffset: bigint;
  overheadSectors: number;
}): Uint8Array {
  const header = new Uint8Array(SECTOR);
  const view = new DataView(header.buffer);
  header.set(utf8('KDMV'), 0);
  view.setUint32(4, 3, true); // version 3: streamOptimized
  view.setUint32(8, FLAGS, true);
  view.setBigUint64(12, BigInt(fields.capacitySectors), true);
  view.setBigUint64(20, BigInt(GRAIN_SECTORS), true);
  view.setBigUint64(28, 1n, true); // embedded descriptor starts at sector 1
  view.setBigUint64(36, BigInt(fields.descriptorSectors), true);
  view.setUint32(44, GTES_PER_GT, true);
  view.setBigUint64(48, 0n, true); // no redundant grain directory in a stream
  view.setBigUint64(56, fields.gdOffset, true);
  view.setBigUint64(64, BigInt(fields.overheadSectors), true);
  header[72] = 0; // clean shutdown
  header[73] = 0x0a; // newline-detection bytes: '\n', ' ', '\r', '\n'
  header[74] = 0x20;
  header[75] = 0x0d;
  header[76] = 0x0a;
  view.setUint16(77, COMPRESSION_DEFLATE, true);
  return header;
}

function marker(sectors: number, type: number): Uint8Array {
  const block = new Uint8Array(SECTOR);
  const view = new DataView(block.buffer);
  view.setBigUint64(0, BigInt(sectors), true);
  view.setUint32(8, 0, true);
  view.setUint32(12, type, true);
  return block;
}

function descriptor(capacitySectors: number, fileName: string, adapterType: string, digest: string): string {
  const heads = adapterType === 'ide' ? 16 : 255;
  const sectors = 63;
  const cylinders = Math.max(1, Math.min(adapterType === 'ide' ? 16383 : 65535, Math.floor(capacitySectors / (heads * sectors))));
  return [
    '# Disk DescriptorFile',
    'version=1',
    'encoding="UTF-8"',
    `CID=${digest.slice(0, 8)}`,
    'parentCID=ffffffff',
    'createType="streamOptimized"',
    '',
    '# Extent description',
    `RW ${capacitySectors} SPARSE "${fileName}"`,
    '',
    '# The Disk Data Base',
    '#DDB',
    '',
    `ddb.adapterType = "${adapterType}"`,
    `ddb.geometry.cylinders = "${cylinders}"`,
    `ddb.geometry.heads = "${heads}"`,
    `ddb.geometry.sectors = "${sectors}"`,
    `ddb.longContentID = "${digest.slice(0, 32)}"`,
    'ddb.virtualHWVersion = "7"',
    '',
  ].join('\n');
}

/**
 * A streamOptimized sparse VMDK (the kind OVF packages carry) with the same content as `raw`:
 * header (grain directory "at end"), embedded descriptor, deflate-compressed grains each
 * preceded by its LBA and size, a grain-table marker + table after each table's grains, the
 * grain-directory marker + directory, a footer marker + footer header, and the end-of-stream
 * marker. All-zero grains are omitted (table entry 0 reads as zeros).
 */
export function rawToStreamOptimizedVmdk(raw: Uint8Array, options: StreamOptimizedVmdkOptions = {}): Uint8Array {
  assertDiskImage(raw, 'rawToStreamOptimizedVmdk');
  const fileName = options.fileName ?? 'disk.vmdk';
  const adapterType = options.adapterType ?? 'ide';
  if (!/^[A-Za-z0-9._+-]{1,200}$/.test(fileName)) {
    throw new RangeError('VMDK extent file name must be 1-200 characters of letters, digits, ".", "_", "+", "-"');
  }
  if (!['ide', 'lsilogic', 'buslogic'].includes(adapterType)) {
    throw new RangeError(`unknown VMDK adapter type ${String(adapterType)}`);
  }

  const capacitySectors = raw.length / SECTOR;
  const descriptorBytes = utf8(descriptor(capacitySectors, fileName, adapterType, sha256Hex(raw)));
  const descriptorSectors = sectorsFor(descriptorBytes.length);
  const overheadSectors = 1 + descriptorSectors;

  const chunks: Uint8Array[] = [];
  let sector = 0;
  const put = (bytes: Uint8Array) => {
    const padded = new Uint8Array(sectorsFor(bytes.length) * SECTOR);
    padded.set(bytes);
    chunks.push(padded);
    const start = sector;
    sector += padded.length / SECTOR;
    return start;
  };

  put(sparseHeader({ capacitySectors, descriptorSectors, gdOffset: GD_AT_END, overheadSectors }));
  put(descriptorBytes);

  const grains = Math.ceil(raw.length / GRAIN_BYTES);
  const tables = Math.ceil(grains / GTES_PER_GT);
  const directory = new Uint32Array(tables);
  for (let t = 0; t < tables; t++) {
    const table = new Uint32Array(GTES_PER_GT);
    let used = false;
    for (let e = 0; e < GTES_PER_GT; e++) {
      const g = t * GTES_PER_GT + e;
      if (g >= grains) break;
      // Readers expect whole grains, so the last one is zero-padded before compression.
      const grain = new Uint8Array(GRAIN_BYTES);
      grain.set(raw.subarray(g * GRAIN_BYTES, (g + 1) * GRAIN_BYTES));
      if (isAllZero(grain)) continue;
      const compressed = deflateSync(grain);
      const record = new Uint8Array(12 + compressed.length);
      const view = new DataView(record.buffer);
      view.setBigUint64(0, BigInt(g * GRAIN_SECTORS), true);
      view.setUint32(8, compressed.length, true);
      record.set(compressed, 12);
      table[e] = put(record);
      used = true;
    }
    if (!used) continue;
    put(marker(GT_SECTORS, MARKER_GT));
    directory[t] = put(littleEndian(table));
  }

  put(marker(sectorsFor(directory.length * 4), MARKER_GD));
  const gdOffset = put(littleEndian(directory));
  put(marker(1, MARKER_FOOTER));
  put(sparseHeader({ capacitySectors, descriptorSectors, gdOffset: BigInt(gdOffset), overheadSectors }));
  put(marker(0, MARKER_EOS));

  const out = new Uint8Array(sector * SECTOR);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function littleEndian(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, i) => view.setUint32(i * 4, word, true));
  return bytes;
}
