// A large OVA generated lazily, never held in memory: for the memory test and bench/inspect.ts.
import { createHash } from 'node:crypto';

const BLOCK = 512;

/** One USTAR header block for a regular file (GNU tar writes the same layout with --format=ustar). */
export function ustarHeader(name: string, size: number): Uint8Array {
  const header = Buffer.alloc(BLOCK);
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0';
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(Date.UTC(2026, 0, 1) / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 'ascii');
  return header;
}

function padding(size: number): Uint8Array {
  return new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);
}

/** Deterministic, incompressible-looking disk bytes: a random block whose first 8 bytes count up. */
export function* diskChunks(size: number, chunkSize = 1024 * 1024): Generator<Uint8Array> {
  const seed = createHash('sha512');
  const block = Buffer.alloc(chunkSize);
  for (let i = 0; i < chunkSize; i += 64) seed.copy().update(String(i)).digest().copy(block, i);
  for (let offset = 0, n = 0; offset < size; offset += chunkSize, n++) {
    const chunk = Buffer.from(block.subarray(0, Math.min(chunkSize, size - offset)));
    chunk.writeUInt32LE(n, 0);
    yield chunk;
  }
}

export function syntheticOvf(diskName: string, diskSize: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
  xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
  <References><File ovf:href="${diskName}" ovf:id="file1" ovf:size="${diskSize}"/></References>
  <DiskSection><Info>Disks</Info><Disk ovf:capacity="${diskSize}" ovf:diskId="vmdisk1" ovf:fileRef="file1"/></DiskSection>
  <VirtualSystem ovf:id="big"><Info>Big</Info>
    <ProductSection><Info>P</Info><Product>Synthetic</Product></ProductSection>
    <OperatingSystemSection ovf:id="36"><Info>OS</Info></OperatingSystemSection>
    <VirtualHardwareSection><Info>HW</Info>
      <Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>
      <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>512</rasd:VirtualQuantity></Item>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`;
}

/**
 * Yields an OVA: descriptor, then (ovftool order) manifest and disk, or (VirtualBox order) disk and manifest.
 * With the manifest first the disk is generated twice: once to hash it, once to emit it.
 */
export async function* syntheticOva(diskSize: number, manifestFirst: boolean): AsyncGenerator<Uint8Array> {
  const diskName = 'big-disk1.vmdk';
  const ovf = Buffer.from(syntheticOvf(diskName, diskSize));
  const file = function* (name: string, data: Uint8Array) {
    yield ustarHeader(name, data.byteLength);
    yield data;
    yield padding(data.byteLength);
  };
  const diskHash = createHash('sha256');
  const manifest = () => Buffer.from(`SHA256(big.ovf)= ${createHash('sha256').update(ovf).digest('hex')}\nSHA256(${diskName})= ${diskHash.digest('hex')}\n`);

  yield* file('big.ovf', ovf);
  if (manifestFirst) {
    for (const chunk of diskChunks(diskSize)) diskHash.update(chunk);
    yield* file('big.mf', manifest());
  }
  yield ustarHeader(diskName, diskSize);
  for (const chunk of diskChunks(diskSize)) {
    if (!manifestFirst) diskHash.update(chunk);
    yield chunk;
  }
  yield padding(diskSize);
  if (!manifestFirst) yield* file('big.mf', manifest());
  yield new Uint8Array(BLOCK * 2);
}
