// A signed OVA through the real verification path (S3 object, file row, `inspectFile` as the worker
// runs it) and out through what people read: the appliance page's data, the file JSON of the API.
// Broken signatures end REJECTED with the reason stored for the publisher.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { putObject } from '@/lib/server/storage/s3';
import { inspectFile } from '@/lib/server/files/inspect-file';
import { fileObjectKey } from '@/lib/core/files/object-key';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { getFileInfo } from '@/lib/server/catalog/get-file-info';
import { fileView } from '@/lib/server/catalog/api-views';
import { fileSchema } from '@/lib/core/catalog/api-schemas';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { makeSignedOva, makeSigners, type Signer } from '@/lib/test-support/signed-ova';
import { createTestAppliance, createTestPublisher, createTestVersion, uid } from '@/lib/test-support/factories';

const kit = makeDemoAppliance({ name: 'Signed Probe', vendor: 'Test Works', version: '1.0', message: 'signed probe booted', cpus: 1, memoryMiB: 256 });
const disks = [{ name: kit.ova.diskNames[0], bytes: kit.vmdk.bytes }];

let dir: string;
let signers: ReturnType<typeof makeSigners>;
let ctx: { publisherHandle: string; slug: string; applianceId: string; versionId: string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'apx-signed-'));
  signers = makeSigners(dir);
  const { publisher } = await createTestPublisher();
  const appliance = await createTestAppliance(publisher.id, { status: 'PUBLISHED', publishedAt: new Date() });
  const version = await createTestVersion(appliance.id, '1.0', { status: 'RELEASED', releasedAt: new Date() });
  ctx = { publisherHandle: publisher.handle, slug: appliance.slug, applianceId: appliance.id, versionId: version.id };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function upload(signer: Signer, tamperManifest?: (mf: string) => string) {
  const bytes = makeSignedOva({ dir, ovf: kit.ovf, ovfName: kit.ovfName, disks, signer, tamperManifest });
  const fileId = uid(12);
  const fileName = `${uid(3)}.ova`;
  const objectKey = fileObjectKey({ applianceId: ctx.applianceId, versionId: ctx.versionId, fileId, fileName });
  await putObject(objectKey, bytes, 'application/octet-stream');
  await db.applianceFile.create({
    data: {
      id: fileId,
      versionId: ctx.versionId,
      format: 'OVA',
      architecture: 'AMD64',
      provider: `s${uid(3)}`,
      fileName,
      sizeBytes: BigInt(bytes.length),
      objectKey,
      clientSha256: createHash('sha256').update(bytes).digest('hex'),
      status: 'PENDING',
    },
  });
  const report = await inspectFile(fileId);
  const row = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId } });
  return { fileId, report, row };
}

async function publicFile(fileId: string) {
  const detail = await getApplianceDetail(null, ctx.publisherHandle, ctx.slug);
  return detail?.versions.flatMap((v) => v.files).find((f) => f.id === fileId);
}

describe('a signed OVA, stored and shown', () => {
  it('a CA-issued signature is VERIFIED, stored with the file and shown on the page data and in the API', async () => {
    const { fileId, report, row } = await upload(signers.ca);
    expect(report?.reason).toBeUndefined();
    expect(row.status).toBe('VERIFIED');
    expect(row.inspection).toMatchObject({ signature: { subject: 'CN=Example Appliances Signing, O=Example Appliances', trust: 'unknown-ca' } });

    const onPage = await publicFile(fileId);
    expect(onPage?.signature).toMatchObject({
      subject: 'CN=Example Appliances Signing, O=Example Appliances',
      issuer: 'CN=Example Test CA, O=Example Trust',
      trust: 'unknown-ca',
      certificate: kit.ovfName.replace('.ovf', '.cert'),
      manifest: kit.ovfName.replace('.ovf', '.mf'),
    });
    expect(onPage?.signature?.text).toMatch(/^Signed by CN=Example Appliances Signing, O=Example Appliances, issued by CN=Example Test CA, O=Example Trust, valid until \d{4}-\d{2}-\d{2}\./);

    const listed = fileView(onPage!);
    expect(fileSchema.parse(listed).signature?.subject).toBe('CN=Example Appliances Signing, O=Example Appliances');
    const info = await getFileInfo(null, fileId);
    expect(info.signature).toEqual(onPage?.signature);
  });

  it('a self-signed signature is VERIFIED and shown as self-signed', async () => {
    const { fileId, row } = await upload(signers.self);
    expect(row.status).toBe('VERIFIED');
    const info = await getFileInfo(null, fileId);
    expect(info.signature?.trust).toBe('self-signed');
    expect(info.signature?.text).toContain('self-signed — the signer is not vouched for by anyone');
  });

  it('an unsigned OVA has no signature in the API', async () => {
    const fileId = uid(12);
    const objectKey = fileObjectKey({ applianceId: ctx.applianceId, versionId: ctx.versionId, fileId, fileName: 'plain.ova' });
    await putObject(objectKey, kit.ova.bytes, 'application/octet-stream');
    await db.applianceFile.create({
      data: { id: fileId, versionId: ctx.versionId, format: 'OVA', architecture: 'AMD64', provider: `u${uid(3)}`, fileName: 'plain.ova', sizeBytes: BigInt(kit.ova.bytes.length), objectKey, status: 'PENDING' },
    });
    expect((await inspectFile(fileId))?.verdict).toBe('VERIFIED');
    expect((await getFileInfo(null, fileId)).signature).toBeNull();
  });

  it('a manifest changed after signing is REJECTED with the reason stored, and is not downloadable', async () => {
    const { fileId, row } = await upload(signers.ca, (mf) => mf.replace(/= ([0-9a-f])/, (_m, d: string) => `= ${d === '0' ? '1' : '0'}`));
    expect(row).toMatchObject({ status: 'REJECTED', rejectCode: 'SIGNATURE_INVALID' });
    expect(row.rejectReason).toContain('does not match the manifest');
    expect(await publicFile(fileId)).toBeUndefined();
  });

  it('an expired signing certificate is REJECTED with the date it expired', async () => {
    const { row } = await upload(signers.expired);
    expect(row).toMatchObject({ status: 'REJECTED', rejectCode: 'CERT_EXPIRED' });
    expect(row.rejectReason).toContain('expired on 2021-01-01');
  });
});
