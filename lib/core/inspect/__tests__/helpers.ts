import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pack, type Header } from 'tar-stream';
import { inspectStream } from '@/lib/core/inspect/index';
import type { InspectionReport, InspectOptions } from '@/lib/core/inspect/types';

/** Looks the tool up on PATH without spawning a shell (a spawn can fail under load and read as "missing"). */
export function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function makeTempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'inspect-test-'));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function run(cmd: string, args: string[], cwd?: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha1(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Yields a buffer in small pieces, like a network stream would. */
export async function* chunked(bytes: Uint8Array, size = 7919): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

export function inspectBytes(bytes: Uint8Array, options: Partial<InspectOptions> = {}): Promise<InspectionReport> {
  return inspectStream(chunked(bytes), { fileName: 'upload.bin', ...options });
}

export function inspectFile(file: string, options: Partial<InspectOptions> = {}): Promise<InspectionReport> {
  return inspectStream(createReadStream(file), { fileName: path.basename(file), ...options });
}

export interface TarMember {
  name: string;
  data?: Uint8Array | string;
  type?: Header['type'];
  linkname?: string;
}

/** A tar built by tar-stream: used for hostile archives that GNU tar would refuse to write. */
export async function packTar(members: TarMember[]): Promise<Buffer> {
  const archive = pack();
  const parts: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (c: unknown) => {
      if (c instanceof Uint8Array) parts.push(Buffer.from(c));
    });
    archive.on('end', () => resolve());
    archive.on('error', reject);
  });
  for (const m of members) {
    const isFile = !m.type || m.type === 'file';
    const data = typeof m.data === 'string' ? Buffer.from(m.data) : (m.data ?? Buffer.alloc(0));
    const header = { name: m.name, type: m.type ?? 'file', linkname: m.linkname, size: isFile ? data.byteLength : 0 };
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error | null) => (err ? reject(err) : resolve());
      if (isFile) archive.entry(header, data, done);
      else archive.entry(header, done);
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(parts);
}

export interface OvfOptions {
  files?: { href: string; size?: number }[];
  product?: string;
  cpus?: number;
  memoryMiB?: number;
  extraHead?: string;
}

/** A small but realistic OVF 1.x descriptor (VMware-style prefixes). */
export function makeOvf(options: OvfOptions = {}): string {
  const files = options.files ?? [];
  const refs = files
    .map((f, i) => `<File ovf:href="${f.href}" ovf:id="file${i + 1}"${f.size === undefined ? '' : ` ovf:size="${f.size}"`}/>`)
    .join('\n    ');
  const disks = files
    .map((_f, i) => `<Disk ovf:capacity="64" ovf:capacityAllocationUnits="byte * 2^20" ovf:diskId="vmdisk${i + 1}" ovf:fileRef="file${i + 1}" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>`)
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>${options.extraHead ?? ''}
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
  xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
  xmlns:vmw="http://www.vmware.com/schema/ovf">
  <References>
    ${refs}
  </References>
  <DiskSection><Info>Virtual disks</Info>
    ${disks}
  </DiskSection>
  <NetworkSection><Info>Networks</Info><Network ovf:name="VM Network"><Description>The VM Network</Description></Network></NetworkSection>
  <VirtualSystem ovf:id="test-vm">
    <Info>A virtual machine</Info>
    <Name>test-vm</Name>
    <ProductSection><Info>Product</Info><Product>${options.product ?? 'Test Appliance'}</Product><Vendor>Example &amp; Co</Vendor><Version>1.2</Version></ProductSection>
    <OperatingSystemSection ovf:id="94" vmw:osType="ubuntu64Guest"><Info>OS</Info><Description>Ubuntu Linux (64-bit)</Description></OperatingSystemSection>
    <VirtualHardwareSection><Info>Hardware</Info>
      <Item><rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>${options.cpus ?? 2}</rasd:VirtualQuantity></Item>
      <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>${options.memoryMiB ?? 1024}</rasd:VirtualQuantity></Item>
      <Item><rasd:Connection>VM Network</rasd:Connection><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceType>10</rasd:ResourceType></Item>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`;
}

export function manifestLine(algorithm: 'SHA256' | 'SHA1', name: string, bytes: Uint8Array | string, spaced = false): string {
  const digest = algorithm === 'SHA256' ? sha256(bytes) : sha1(bytes);
  return spaced ? `${algorithm} (${name}) = ${digest}\n` : `${algorithm}(${name})= ${digest}\n`;
}

