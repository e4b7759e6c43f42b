// What's inside through the real path: a disk in the test bucket, the verification the worker runs,
// then the inside job's service reading it by Range GETs; the report stored with the file and the
// listing's search summary (package search, OS-release facet).
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import type { InsideReport } from '@/lib/core/inside/types';
import { deleteObject, putObject } from '@/lib/server/storage/s3';
import { inspectFile } from '@/lib/server/files/inspect-file';
import { fileObjectKey } from '@/lib/core/files/object-key';
import { readFileInside, type ReadInside } from '@/lib/server/inside-reports/read-file-inside';
import { searchAppliances } from '@/lib/server/catalog/search-appliances';
import { parseSearchParams } from '@/lib/core/catalog/search-params';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { readInside } from '@/lib/core/inside/read-inside';
import { makeInsideDemoAppliance } from '@/lib/server/seed/inside-demo-disk';
import { readFileSync } from 'node:fs';
import { createTestAppliance, createTestPublisher, createTestVersion, uid } from '@/lib/test-support/factories';

const pkg = (name: string, version: string) => ({ manager: 'dpkg' as const, name, version, arch: 'amd64', purl: `pkg:deb/debian/${name}@${version}?arch=amd64&distro=debian-12` });

/** A reader standing in for lib/core/inside's: it really reads the MBR through the source, then reports `packages`. */
function readerReporting(packages: ReturnType<typeof pkg>[], seen: { mbr?: Uint8Array; format?: string; budget?: number } = {}): ReadInside {
  return async (source, opts) => {
    seen.mbr = await source.read(0, 512);
    seen.format = opts.format;
    seen.budget = opts.diskBudgetBytes;
    const report: InsideReport = {
      schemaVersion: 1, status: 'read', filesystems: [{ partition: 1, type: 'ext4', readable: true, sizeBytes: 1 }],
      os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }, kernels: ['6.1.0-26-amd64'], packages, services: [],
      findings: [{ code: 'ssh-host-keys', severity: 'high', title: 'SSH host keys are baked into the image', detail: 'Every copy shares them.', paths: ['/etc/ssh/ssh_host_ed25519_key'] }],
      bytesRead: 512,
    };
    return report;
  };
}

const kit = makeDemoAppliance({ name: 'Inside Probe', vendor: 'Test Works', version: '1.0', message: 'inside probe', sizeBytes: 2 * 1024 * 1024 });

async function uploadVerified(applianceId: string, versionId: string): Promise<string> {
  const fileId = uid(12);
  const objectKey = fileObjectKey({ applianceId, versionId, fileId, fileName: kit.raw.fileName });
  await putObject(objectKey, kit.raw.bytes, 'application/octet-stream');
  await db.applianceFile.create({
    data: { id: fileId, versionId, format: 'RAW', fileName: kit.raw.fileName, sizeBytes: BigInt(kit.raw.sizeBytes), objectKey, clientSha256: kit.raw.sha256, status: 'PENDING' },
  });
  const verdict = await inspectFile(fileId);
  expect(verdict?.verdict).toBe('VERIFIED');
  return fileId;
}

let handle: string;

beforeAll(async () => {
  handle = (await createTestPublisher()).publisher.handle;
});

async function listing(status: 'PUBLISHED' | 'DRAFT', name?: string) {
  const appliance = await createTestAppliance((await db.publisher.findUniqueOrThrow({ where: { handle } })).id, { status, publishedAt: status === 'PUBLISHED' ? new Date() : null, ...(name ? { name } : {}) });
  const v1 = await createTestVersion(appliance.id, '1.0', { status: 'RELEASED', releasedAt: new Date(Date.now() - 86_400_000) });
  const v2 = await createTestVersion(appliance.id, '1.1', { status: 'RELEASED', releasedAt: new Date() });
  return { appliance, v1, v2 };
}

describe('the inside job', () => {
  it('reads a verified file by Range GETs, stores the report and the listing summary, and search finds the listing by a package', async () => {
    const marker = `zq${uid(4)}tool`;
    const { appliance, v2 } = await listing('PUBLISHED');
    const fileId = await uploadVerified(appliance.id, v2.id);
    const seen: { mbr?: Uint8Array; format?: string; budget?: number } = {};
    const report = await readFileInside(fileId, readerReporting([pkg('bash', '5.2.15-2'), pkg(marker, '1.0')], seen));
    expect(report?.status).toBe('read');
    // The reader got the object's real first sector through the S3 source.
    expect([...seen.mbr!]).toEqual([...kit.raw.bytes.subarray(0, 512)]);
    expect(seen.format).toBe('RAW');
    expect(seen.budget).toBeGreaterThan(0);

    const row = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row.status).toBe('VERIFIED');
    expect(row.insideStatus).toBe('READ');
    expect((row.inside as unknown as InsideReport).packages.map((p) => p.name)).toEqual(['bash', marker]);
    const a = await db.appliance.findUniqueOrThrow({ where: { id: appliance.id } });
    expect(a.osRelease).toBe('Debian 12');
    expect(a.insidePackages).toEqual(['bash', marker]);

    // A package name finds the listing; a listing named after the package ranks above it.
    const named = await listing('PUBLISHED', `${marker} Appliance`);
    const { request } = parseSearchParams({ q: marker });
    const found = await searchAppliances(request);
    expect(found.items.map((i) => i.id)).toEqual([named.appliance.id, appliance.id]);
    // The OS-release facet counts it, and filters by it.
    expect(found.facets.release).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'Debian 12' })]));
    const filtered = await searchAppliances(parseSearchParams({ q: marker, release: 'Debian 12' }).request);
    expect(filtered.items.map((i) => i.id)).toEqual([appliance.id]);
  });

  it('a reader failure leaves the file verified with a "not read" report and a reason', async () => {
    const { appliance, v1 } = await listing('PUBLISHED');
    const fileId = await uploadVerified(appliance.id, v1.id);
    const report = await readFileInside(fileId, async () => {
      throw new Error('internal detail that must not reach users');
    });
    expect(report?.status).toBe('not-read');
    const row = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row.status).toBe('VERIFIED');
    expect(row.insideStatus).toBe('NOT_READ');
    expect(JSON.stringify(row.inside)).not.toContain('internal detail');
    expect((row.inside as unknown as InsideReport).reason).toMatch(/could not be read/);
  });

  it('an object-store failure is thrown for the retry and stores nothing', async () => {
    const { appliance, v1 } = await listing('PUBLISHED');
    const fileId = await uploadVerified(appliance.id, v1.id);
    const row = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId } });
    await deleteObject(row.objectKey);
    await expect(readFileInside(fileId, readerReporting([]))).rejects.toBeTruthy();
    expect((await db.applianceFile.findUniqueOrThrow({ where: { id: fileId } })).insideStatus).toBeNull();
  });

  it('leaves files that are not verified alone', async () => {
    const { v1 } = await listing('PUBLISHED');
    const file = await db.applianceFile.create({
      data: { id: uid(12), versionId: v1.id, format: 'RAW', fileName: 'x.img', sizeBytes: 1024n, objectKey: `test/${uid()}/x.img`, status: 'REJECTED' },
    });
    expect(await readFileInside(file.id, readerReporting([pkg('bash', '1')]))).toBeNull();
    expect((await db.applianceFile.findUniqueOrThrow({ where: { id: file.id } })).inside).toBeNull();
  });
});

describe('the inside job with the real reader', () => {
  it("reads the seeded OVA's ext4 root (this machine's os-release and dpkg status) by Range GETs, fetching a small part of the disk", async () => {
    const { appliance, v1 } = await listing('PUBLISHED');
    const files = await makeInsideDemoAppliance({
      name: 'Real Root', vendor: 'Test Works', version: '1.0', message: 'real root', packages: 'required',
      cpus: 1, memoryMiB: 256, os: { id: 96, vmwOsType: 'debian12_64Guest', description: 'Debian 12' },
    });
    const f = files.ova;
    const fileId = uid(12);
    const objectKey = fileObjectKey({ applianceId: appliance.id, versionId: v1.id, fileId, fileName: f.fileName });
    await putObject(objectKey, f.bytes, 'application/x-tar');
    await db.applianceFile.create({ data: { id: fileId, versionId: v1.id, format: 'OVA', fileName: f.fileName, sizeBytes: BigInt(f.sizeBytes), objectKey, clientSha256: f.sha256, status: 'PENDING' } });
    expect((await inspectFile(fileId))?.verdict).toBe('VERIFIED');

    const report = (await readFileInside(fileId, readInside))!;
    expect(report.status).toBe('read');
    const osId = /^ID=("?)([^"\n]+)\1$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[2];
    expect(report.os?.id).toBe(osId);
    const required = readFileSync('/var/lib/dpkg/status', 'utf8')
      .split(/\n\s*\n/)
      .filter((s) => /^Status: install ok installed$/m.test(s) && (/^Essential: yes$/m.test(s) || /^Priority: required$/m.test(s)))
      .map((s) => /^Package: (\S+)$/m.exec(s)![1])
      .sort();
    expect(report.packages.map((p) => p.name).sort()).toEqual(required);
    expect(report.findings.map((x) => x.code)).toContain('ssh-host-keys');
    expect(JSON.stringify(report)).not.toContain('ZGVtbyBob3N0'); // never the key material
    // The disk is 40 MiB; the reader fetches its blocks, not the disk.
    expect(report.bytesRead).toBeGreaterThan(0);
    expect(report.bytesRead).toBeLessThan(files.raw.sizeBytes / 10);
    const row = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId }, select: { insideStatus: true, status: true } });
    expect(row).toEqual({ insideStatus: 'READ', status: 'VERIFIED' });
  }, 120_000);
});

