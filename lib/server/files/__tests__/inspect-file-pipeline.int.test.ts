// The hostile corpus through the real verification path: each file is an object in the test
// bucket and a row like an upload leaves it, then `inspectFile` (what the worker's job runs)
// streams it from S3. Every one must end REJECTED with a reason a publisher understands, never be
// downloadable, never feed the listing's facts — and the worker must carry on with the next file.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, symlinkSync, linkSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { putObject } from '@/lib/server/storage/s3';
import { inspectFile } from '@/lib/server/files/inspect-file';
import { fileObjectKey } from '@/lib/core/files/object-key';
import { canDownloadFile } from '@/lib/core/appliances/visibility';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { makeDemoAppliance, makeOva, makeTar, makeManifest } from '@/lib/core/appliance-kit';
import { createTestAppliance, createTestPublisher, createTestVersion, uid } from '@/lib/test-support/factories';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

const kit = makeDemoAppliance({
  name: 'Pipeline Probe',
  vendor: 'Test Works',
  version: '1.0',
  message: 'probe booted',
  cpus: 2,
  memoryMiB: 768,
  osId: 96,
  vmwOsType: 'debian10_64Guest',
  osDescription: 'Debian GNU/Linux 10 (64-bit)',
  sizeBytes: 4 * 1024 * 1024,
});
const disk = { name: kit.ova.diskNames[0], bytes: kit.vmdk.bytes };

let dir: string;
let ctx: { publisherHandle: string; applianceId: string; slug: string; versionId: string; ownerId: string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'apx-pipeline-'));
  const { publisher, owner } = await createTestPublisher();
  // A published listing with a released version: the strongest case for "nothing gets out".
  const appliance = await createTestAppliance(publisher.id, { status: 'PUBLISHED', publishedAt: new Date() });
  const version = await createTestVersion(appliance.id, '1.0', { status: 'RELEASED', releasedAt: new Date() });
  ctx = { publisherHandle: publisher.handle, applianceId: appliance.id, slug: appliance.slug, versionId: version.id, ownerId: owner.id };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Format = 'OVA' | 'OVF' | 'VMDK' | 'QCOW2' | 'RAW' | 'ISO' | 'VAGRANT_BOX';

/** Stores bytes as an uploaded file of the test version (a fresh slot each time) and runs the verification. */
async function verify(fileName: string, bytes: Uint8Array, options: { format: Format; declaredSize?: number; clientSha256?: string; provider?: string }) {
  const fileId = uid(12);
  const objectKey = fileObjectKey({ applianceId: ctx.applianceId, versionId: ctx.versionId, fileId, fileName });
  await putObject(objectKey, bytes, 'application/octet-stream');
  await db.applianceFile.create({
    data: {
      id: fileId,
      versionId: ctx.versionId,
      format: options.format,
      architecture: 'AMD64',
      // The unique slot: one file per (format, architecture, provider); the corpus reuses formats.
      provider: options.provider ?? `t${uid(3)}`,
      fileName,
      sizeBytes: BigInt(options.declaredSize ?? bytes.length),
      objectKey,
      clientSha256: options.clientSha256 ?? sha256(bytes),
      status: 'PENDING',
    },
  });
  const report = await inspectFile(fileId);
  const row = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId } });
  return { report, row };
}

function tarOf(cwd: string, members: string[], extra: string[] = []): Uint8Array {
  const out = path.join(dir, `${uid()}.tar`);
  execFileSync('tar', ['--format=gnu', ...extra, '-cf', out, ...members], { cwd });
  return readFileSync(out);
}

function workdir(): string {
  const d = path.join(dir, uid());
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, kit.ovfName), kit.ovf);
  writeFileSync(path.join(d, disk.name), disk.bytes);
  return d;
}

const withDoctype = kit.ovf.replace(/^(<\?xml[^>]*\?>)?/, '$1\n<!DOCTYPE Envelope [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n');
const lyingSize = kit.ovf.replace(`ovf:size="${disk.bytes.length}"`, `ovf:size="${disk.bytes.length + 4096}"`);

interface HostileCase {
  name: string;
  fileName: string;
  make: () => Uint8Array;
  format: Format;
  code: string;
  reason: RegExp;
  declaredSize?: (bytes: Uint8Array) => number;
  clientSha256?: (bytes: Uint8Array) => string;
}

const cases: HostileCase[] = [
  {
    name: 'a truncated tar',
    fileName: 'cut.ova',
    make: () => kit.ova.bytes.subarray(0, Math.floor(kit.ova.bytes.length * 0.6)),
    format: 'OVA',
    code: 'TRUNCATED',
    reason: /ends|cut|truncat/i,
  },
  {
    name: 'a member named ../ (path traversal)',
    fileName: 'dotdot.ova',
    make: () => {
      const d = workdir();
      mkdirSync(path.join(d, 'inner'));
      writeFileSync(path.join(d, 'inner', kit.ovfName), kit.ovf);
      return tarOf(path.join(d, 'inner'), [kit.ovfName, `../${disk.name}`], ['-P']);
    },
    format: 'OVA',
    code: 'PATH_TRAVERSAL',
    reason: /\.\./,
  },
  {
    name: 'a member with an absolute path',
    fileName: 'absolute.ova',
    make: () => {
      const d = workdir();
      return tarOf(d, [kit.ovfName, path.join(d, disk.name)], ['-P']);
    },
    format: 'OVA',
    code: 'ABSOLUTE_PATH',
    reason: /absolute/i,
  },
  {
    name: 'a symlink member',
    fileName: 'symlink.ova',
    make: () => {
      const d = workdir();
      symlinkSync('/etc/passwd', path.join(d, 'passwd.vmdk'));
      return tarOf(d, [kit.ovfName, 'passwd.vmdk']);
    },
    format: 'OVA',
    code: 'LINK_MEMBER',
    reason: /link/i,
  },
  {
    name: 'a hard-link member',
    fileName: 'hardlink.ova',
    make: () => {
      const d = workdir();
      linkSync(path.join(d, disk.name), path.join(d, 'again.vmdk'));
      return tarOf(d, [kit.ovfName, disk.name, 'again.vmdk']);
    },
    format: 'OVA',
    code: 'LINK_MEMBER',
    reason: /link/i,
  },
  {
    name: 'an .ovf with a DOCTYPE and ENTITY (XXE, billion laughs)',
    fileName: 'entities.ova',
    make: () => makeOva({ ovf: withDoctype, ovfName: kit.ovfName, disks: [disk] }),
    format: 'OVA',
    code: 'XML_DOCTYPE',
    reason: /DOCTYPE|declaration|entit/i,
  },
  {
    name: 'a manifest digest that does not match',
    fileName: 'mismatch.ova',
    make: () => {
      const mf = makeManifest([{ name: kit.ovfName, bytes: utf8(kit.ovf) }, { name: disk.name, bytes: randomBytes(64) }], 'SHA256');
      return makeTar([{ name: kit.ovfName, bytes: utf8(kit.ovf) }, { name: kit.ovfName.replace(/ovf$/, 'mf'), bytes: utf8(mf) }, disk]);
    },
    format: 'OVA',
    code: 'MANIFEST_MISMATCH',
    reason: new RegExp(`digest.*${disk.name.replace(/\./g, '\\.')}|${disk.name.replace(/\./g, '\\.')}.*(digest|match)`, 'i'),
  },
  {
    name: 'a manifest line for a member that is not there',
    fileName: 'ghost.ova',
    make: () => {
      const ghost = `SHA256(ghost-disk2.vmdk)= ${'ab'.repeat(32)}\n`;
      const mf = makeManifest([{ name: kit.ovfName, bytes: utf8(kit.ovf) }, disk], 'SHA256') + ghost;
      return makeTar([{ name: kit.ovfName, bytes: utf8(kit.ovf) }, { name: kit.ovfName.replace(/ovf$/, 'mf'), bytes: utf8(mf) }, disk]);
    },
    format: 'OVA',
    code: 'MANIFEST_MISSING_MEMBER',
    reason: /ghost-disk2\.vmdk/,
  },
  {
    name: 'a descriptor whose declared file size lies',
    fileName: 'liar.ova',
    make: () => makeOva({ ovf: lyingSize, ovfName: kit.ovfName, disks: [disk] }),
    format: 'OVA',
    code: 'OVF_SIZE_MISMATCH',
    reason: /size|bytes/i,
  },
  {
    name: 'a qcow2 with a backing file',
    fileName: 'overlay.qcow2',
    make: () => {
      const d = workdir();
      execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(d, 'base.qcow2'), '16M']);
      execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', path.join(d, 'base.qcow2'), '-F', 'qcow2', path.join(d, 'overlay.qcow2')]);
      return readFileSync(path.join(d, 'overlay.qcow2'));
    },
    format: 'QCOW2',
    code: 'QCOW2_BACKING_FILE',
    reason: /backing/i,
  },
  {
    name: 'a gzip bomb inside a .box',
    fileName: 'bomb.box',
    make: () => {
      const d = path.join(dir, uid());
      mkdirSync(d);
      writeFileSync(path.join(d, 'metadata.json'), JSON.stringify({ provider: 'libvirt', format: 'qcow2', virtual_size: 1 }));
      writeFileSync(path.join(d, 'box.img'), '');
      truncateSync(path.join(d, 'box.img'), 320 * 1024 * 1024);
      const out = path.join(dir, `${uid()}.box`);
      execFileSync('tar', ['-czf', out, '-C', d, 'metadata.json', 'box.img']);
      return readFileSync(out);
    },
    format: 'VAGRANT_BOX',
    code: 'GZIP_BOMB',
    reason: /decompress|expand|bomb|ratio/i,
  },
  {
    name: 'an OVA whose descriptor asks for 0 CPUs and 2^40 MiB of memory',
    fileName: 'impossible.ova',
    make: () =>
      makeOva({
        ovf: kit.ovf.replace('<rasd:VirtualQuantity>2</rasd:VirtualQuantity>', '<rasd:VirtualQuantity>0</rasd:VirtualQuantity>').replace('<rasd:VirtualQuantity>768</rasd:VirtualQuantity>', '<rasd:VirtualQuantity>1099511627776</rasd:VirtualQuantity>'),
        ovfName: kit.ovfName,
        disks: [disk],
      }),
    format: 'OVA',
    code: 'VALUE_INVALID',
    reason: /CPU count .* is 0 CPUs; the catalogue accepts 1 to 1024/,
  },
  {
    name: 'an OVA whose descriptor points at a file outside the package',
    fileName: 'outside.ova',
    make: () => makeOva({ ovf: kit.ovf.replace(`ovf:href="${disk.name}"`, 'ovf:href="../../etc/passwd"'), ovfName: kit.ovfName, disks: [disk] }),
    format: 'OVA',
    code: 'REFERENCE_OUTSIDE_PACKAGE',
    reason: /names "\.\.\/\.\.\/etc\/passwd", which climbs out of the package/,
  },
  {
    name: 'a zero-byte file',
    fileName: 'empty.ova',
    make: () => new Uint8Array(0),
    format: 'OVA',
    code: 'EMPTY',
    reason: /empty/i,
  },
  {
    name: 'random bytes named .ova',
    fileName: 'noise.ova',
    make: () => randomBytes(256 * 1024),
    format: 'OVA',
    code: 'UNKNOWN_FORMAT',
    reason: /recogni|not an? |format/i,
  },
  {
    name: 'a browser SHA-256 that does not match the bytes',
    fileName: 'tampered.ova',
    make: () => kit.ova.bytes,
    format: 'OVA',
    code: 'SHA256_MISMATCH',
    reason: /SHA-256/,
    clientSha256: () => sha256(utf8('something else entirely')),
  },
  {
    name: 'an announced size that is not the real one',
    fileName: 'short.ova',
    make: () => kit.ova.bytes,
    format: 'OVA',
    code: 'SIZE_MISMATCH',
    reason: /bytes/,
    declaredSize: (b) => b.length + 512,
  },
];

describe('hostile files through inspectFile', () => {
  it.each(cases)('$name → REJECTED ($code) with a specific reason, never downloadable', async (c) => {
    const bytes = c.make();
    const { report, row } = await verify(c.fileName, bytes, { format: c.format, declaredSize: c.declaredSize?.(bytes), clientSha256: c.clientSha256?.(bytes) });
    expect(report?.verdict).toBe('REJECTED');
    expect(row.status).toBe('REJECTED');
    expect(row.rejectCode).toBe(c.code);
    expect(row.rejectReason).toMatch(c.reason);
    expect(row.rejectReason?.length).toBeGreaterThan(15);
    expect(row.inspectedAt).not.toBeNull();
    // The real digest is recorded even for refused files (except when the stream itself failed).
    expect(row.sha256).toBe(sha256(bytes));
    const listing = { status: 'PUBLISHED' as const, ownerId: ctx.ownerId };
    expect(canDownloadFile(null, listing, { status: row.status, versionStatus: 'RELEASED' })).toBe(false);
  });

  it('a box whose metadata.json names a hostile provider is REJECTED and its provider never reaches the row', async () => {
    const d = path.join(dir, uid());
    mkdirSync(d);
    writeFileSync(path.join(d, 'metadata.json'), JSON.stringify({ provider: '../../etc', format: 'qcow2' }));
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(d, 'box.img'), '16M']);
    const out = path.join(dir, `${uid()}.box`);
    execFileSync('tar', ['-czf', out, '-C', d, 'metadata.json', 'box.img']);
    const { report, row } = await verify('hostile-provider.box', readFileSync(out), { format: 'VAGRANT_BOX', provider: '' });
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'VALUE_INVALID' });
    expect(row.rejectReason).toMatch(/names the provider "\.\.\/\.\.\/etc"; a provider is a lowercase Vagrant name/);
    expect(row.provider).toBe('');
  });

  it('keeps going afterwards: a good OVA verifies, fills the requirements and is the only thing anyone sees', async () => {
    const { report, row } = await verify(kit.ova.fileName, kit.ova.bytes, { format: 'OVA', provider: '' });
    expect(report?.verdict).toBe('VERIFIED');
    expect(row.status).toBe('VERIFIED');
    expect(row.rejectReason).toBeNull();

    const appliance = await db.appliance.findUniqueOrThrow({ where: { id: ctx.applianceId } });
    expect(appliance).toMatchObject({ minCpus: 2, minMemoryMiB: 768, osFamily: 'linux', formats: ['OVA'], latestVersion: '1.0' });
    expect(Number(appliance.minDiskBytes)).toBe(4 * 1024 * 1024);
    expect(Number(appliance.downloadSizeBytes)).toBe(kit.ova.bytes.length);

    const anonymous = await getApplianceDetail(null, ctx.publisherHandle, ctx.slug);
    const files = anonymous?.versions.flatMap((v) => v.files) ?? [];
    expect(files.map((f) => f.id)).toEqual([row.id]);
    expect(files[0].downloadable).toBe(true);
    // The hostile cases plus the box with a hostile provider.
    expect(await db.applianceFile.count({ where: { versionId: ctx.versionId, status: 'REJECTED' } })).toBe(cases.length + 1);
  });
});
