// A listing's life through the API, with a real OVA verified by the same code the worker runs:
// versions ordered as people expect, release needs a verified file, the first publication is
// reviewed, approval publishes, a revoked version stays visible but cannot be downloaded.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { inspectFile } from '@/lib/server/files/inspect-file';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { getApplianceEditor } from '@/lib/server/appliances/get-appliance-editor';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import * as appliancesRoute from '@/app/api/v1/publish/appliances/route';
import * as applianceRoute from '@/app/api/v1/publish/appliances/[id]/route';
import * as versionsRoute from '@/app/api/v1/publish/appliances/[id]/versions/route';
import * as submitRoute from '@/app/api/v1/publish/appliances/[id]/submit/route';
import * as releaseRoute from '@/app/api/v1/publish/versions/[id]/release/route';
import * as revokeRoute from '@/app/api/v1/publish/versions/[id]/revoke/route';
import * as uploadsRoute from '@/app/api/v1/uploads/route';
import * as signRoute from '@/app/api/v1/uploads/[uploadId]/parts/[partNumber]/route';
import * as completeRoute from '@/app/api/v1/uploads/[uploadId]/complete/route';
import * as moderationRoute from '@/app/api/v1/moderation/appliances/[id]/route';
import { createTestCategory, createTestPublisher, createTestUser, uid } from '@/lib/test-support/factories';
import { call, putPart, sessionCookie, tokenFor } from '@/lib/server/publishing/__tests__/api-helpers';

const kit = makeDemoAppliance({ name: 'Lifecycle', vendor: 'Test', version: '1.0', message: 'hi', cpus: 4, memoryMiB: 2048, osId: 101, vmwOsType: 'ubuntu64Guest', osDescription: 'Ubuntu Linux (64-bit)' });

async function uploadOva(token: string, versionId: string) {
  const bytes = kit.ova.bytes;
  const created = await call(uploadsRoute.POST, { method: 'POST', token, body: { versionId, format: 'OVA', architecture: 'AMD64', fileName: kit.ova.fileName, size: bytes.length } });
  expect(created.status).toBe(201);
  const signed = await call(signRoute.POST, { method: 'POST', token, params: { uploadId: created.json.uploadId, partNumber: '1' } });
  const etag = await putPart(signed.json.url, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const done = await call(completeRoute.POST, { method: 'POST', token, params: { uploadId: created.json.uploadId }, body: { parts: [{ PartNumber: 1, ETag: etag }], sha256 } });
  expect(done.json).toEqual({ fileId: created.json.fileId, status: 'PENDING' });
  // What the worker's job does with it.
  expect((await inspectFile(created.json.fileId))?.verdict).toBe('VERIFIED');
  return created.json.fileId as string;
}

describe('a listing from draft to published, and a version revoked', () => {
  it('follows the rules at every step', async () => {
    const { publisher, owner } = await createTestPublisher();
    const token = await tokenFor(owner);
    const category = await createTestCategory();
    const slug = `life-${uid(3)}`;
    const created = await call(appliancesRoute.POST, { method: 'POST', token, body: { slug, name: 'Lifecycle', summary: 'Lives a full life.', category: category.slug } });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect((await call(appliancesRoute.POST, { method: 'POST', token, body: { slug: 'x-y', name: 'Z z', category: 'no-such-category' } })).status).toBe(422);

    const v1 = await call(versionsRoute.POST, { method: 'POST', token, params: { id }, body: { version: '1.0', changelog: '- First' } });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ version: '1.0', status: 'DRAFT' });
    expect((await call(versionsRoute.POST, { method: 'POST', token, params: { id }, body: { version: '1.0' } })).status).toBe(409);
    expect((await call(versionsRoute.POST, { method: 'POST', token, params: { id }, body: { version: 'not a version' } })).status).toBe(422);

    // Nothing to release or submit yet.
    const early = await call(releaseRoute.POST, { method: 'POST', token, params: { id: v1.json.id } });
    expect(early.status).toBe(409);
    expect(early.json.detail).toMatch(/no verified file/);
    expect((await call(submitRoute.POST, { method: 'POST', token, params: { id } })).status).toBe(409);

    await uploadOva(token, v1.json.id);
    const filled = await call(applianceRoute.GET, { token, params: { id } });
    // The listing names its versions with their ids, so a client can add files to an existing one.
    expect(filled.json.versions).toContainEqual({ id: v1.json.id, version: v1.json.version, status: 'DRAFT' });
    expect(filled.json.requirements).toEqual({ cpus: 4, memoryMiB: 2048, diskBytes: kit.virtualSizeBytes, osFamily: 'linux', osName: 'Ubuntu Linux (64-bit)' });

    const notReleased = await call(submitRoute.POST, { method: 'POST', token, params: { id } });
    expect(notReleased.json.detail).toMatch(/Release a version that has at least one verified file/);
    const released = await call(releaseRoute.POST, { method: 'POST', token, params: { id: v1.json.id } });
    expect(released.status).toBe(200);
    expect(released.json.status).toBe('RELEASED');
    expect((await call(releaseRoute.POST, { method: 'POST', token, params: { id: v1.json.id } })).status).toBe(409);

    const submitted = await call(submitRoute.POST, { method: 'POST', token, params: { id } });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ status: 'IN_REVIEW', latestVersion: '1.0' });
    expect((await call(submitRoute.POST, { method: 'POST', token, params: { id } })).status).toBe(409);
    // Not public while in review.
    expect(await getApplianceDetail(null, publisher.handle, slug)).toBeNull();

    // The publisher may still edit; the slug can change until the first publication.
    const renamed = await call(applianceRoute.PATCH, { method: 'PATCH', token, params: { id }, body: { slug: `${slug}-x`, tags: ['ops'], requirements: { memoryMiB: 1024 } } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ slug: `${slug}-x`, tags: ['ops'], requirements: { cpus: 4, memoryMiB: 1024 } });

    const admin = await createTestUser({ roles: ['ADMIN'] });
    const approved = await call(moderationRoute.POST, { method: 'POST', cookie: await sessionCookie(admin.email), params: { id }, body: { decision: 'approve' } });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'PUBLISHED', reviewNote: null });
    expect(approved.json.publishedAt).toBeTruthy();
    const row = await db.appliance.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ formats: ['OVA'], architectures: ['AMD64'], latestVersion: '1.0' });
    const audit = (await db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(audit).toEqual(['listing.create', 'listing.submit', 'listing.update', 'listing.approve']);
    expect(await db.notification.findFirst({ where: { userId: owner.id, kind: 'listing.approved' } })).not.toBeNull();

    const pub = await getApplianceDetail(null, publisher.handle, `${slug}-x`);
    expect(pub?.versions.map((v) => [v.version, v.files[0]?.downloadable])).toEqual([['1.0', true]]);
    // Published addresses stay.
    expect((await call(applianceRoute.PATCH, { method: 'PATCH', token, params: { id }, body: { slug: 'moved' } })).status).toBe(409);

    // Versions are ordered as people expect: 1.10 after 1.9, a pre-release before its release.
    for (const v of ['1.9', '1.10', '1.10-rc.1', '1.2']) expect((await call(versionsRoute.POST, { method: 'POST', token, params: { id }, body: { version: v } })).status).toBe(201);
    expect((await getApplianceEditor(owner, id)).versions.map((v) => v.version)).toEqual(['1.10', '1.10-rc.1', '1.9', '1.2', '1.0']);

    // Revoking needs a reason; the version stays visible as revoked and nothing of it can be downloaded.
    expect((await call(revokeRoute.POST, { method: 'POST', token, params: { id: v1.json.id }, body: { reason: '' } })).status).toBe(422);
    const revoked = await call(revokeRoute.POST, { method: 'POST', token, params: { id: v1.json.id }, body: { reason: 'Ships a vulnerable OpenSSL.' } });
    expect(revoked.json).toMatchObject({ status: 'REVOKED', revokeReason: 'Ships a vulnerable OpenSSL.' });
    const after = await getApplianceDetail(null, publisher.handle, `${slug}-x`);
    const shown = after?.versions.find((v) => v.version === '1.0');
    expect(shown?.status).toBe('REVOKED');
    expect(shown?.revokeReason).toBe('Ships a vulnerable OpenSSL.');
    expect(shown?.files.every((f) => !f.downloadable)).toBe(true);
    expect((await db.appliance.findUniqueOrThrow({ where: { id } })).latestVersion).toBeNull();
    expect((await call(releaseRoute.POST, { method: 'POST', token, params: { id: v1.json.id } })).status).toBe(409);
    const noFiles = await call(uploadsRoute.POST, { method: 'POST', token, body: { versionId: v1.json.id, format: 'ISO', architecture: 'AMD64', fileName: 'x.iso', size: 5 } });
    expect(noFiles.status).toBe(409);
  });
});
