import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { listUploadedParts } from '@/lib/server/storage/s3';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import * as appliancesRoute from '@/app/api/v1/publish/appliances/route';
import * as applianceRoute from '@/app/api/v1/publish/appliances/[id]/route';
import * as versionsRoute from '@/app/api/v1/publish/appliances/[id]/versions/route';
import * as submitRoute from '@/app/api/v1/publish/appliances/[id]/submit/route';
import * as releaseRoute from '@/app/api/v1/publish/versions/[id]/release/route';
import * as revokeRoute from '@/app/api/v1/publish/versions/[id]/revoke/route';
import * as uploadsRoute from '@/app/api/v1/uploads/route';
import * as uploadRoute from '@/app/api/v1/uploads/[uploadId]/route';
import * as partsRoute from '@/app/api/v1/uploads/[uploadId]/parts/route';
import * as signRoute from '@/app/api/v1/uploads/[uploadId]/parts/[partNumber]/route';
import * as completeRoute from '@/app/api/v1/uploads/[uploadId]/complete/route';
import * as moderationRoute from '@/app/api/v1/moderation/appliances/[id]/route';
import { createTestUser } from '@/lib/test-support/factories';
import { call, publisherWithVersion, putPart, sessionCookie, tokenFor } from '@/lib/server/publishing/__tests__/api-helpers';

async function openUpload(a: Awaited<ReturnType<typeof publisherWithVersion>>) {
  const created = await call(uploadsRoute.POST, {
    method: 'POST',
    token: a.token,
    body: { versionId: a.version.id, format: 'RAW', architecture: 'AMD64', fileName: 'secret.img', size: 3000 },
  });
  expect(created.status).toBe(201);
  const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.json.uploadId, partNumber: '1' } });
  const etag = await putPart(signed.json.url, randomBytes(3000));
  return { ...created.json, etag } as { uploadId: string; fileId: string; key: string; s3UploadId: string; etag: string };
}

describe('publisher B against publisher A', () => {
  it('cannot edit, version, submit, release or revoke A’s listing: it does not exist for B', async () => {
    const a = await publisherWithVersion();
    const b = await publisherWithVersion();
    const released = await db.applianceVersion.create({ data: { applianceId: a.appliance.id, version: '0.9', sortKey: '0.9', status: 'RELEASED', releasedAt: new Date() } });
    const attempts = [
      call(applianceRoute.PATCH, { method: 'PATCH', token: b.token, params: { id: a.appliance.id }, body: { name: 'Hijacked' } }),
      call(applianceRoute.GET, { token: b.token, params: { id: a.appliance.id } }),
      call(versionsRoute.POST, { method: 'POST', token: b.token, params: { id: a.appliance.id }, body: { version: '6.6.6' } }),
      call(submitRoute.POST, { method: 'POST', token: b.token, params: { id: a.appliance.id } }),
      call(releaseRoute.POST, { method: 'POST', token: b.token, params: { id: a.version.id } }),
      call(revokeRoute.POST, { method: 'POST', token: b.token, params: { id: released.id }, body: { reason: 'because I can' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const after = await db.appliance.findUniqueOrThrow({ where: { id: a.appliance.id }, include: { versions: true } });
    expect(after.name).toBe(a.appliance.name);
    expect(after.status).toBe('DRAFT');
    expect(after.versions.map((v) => [v.version, v.status]).sort()).toEqual([['0.9', 'RELEASED'], ['1.0.0', 'DRAFT']]);
    // B's own list does not show A's listing.
    const listed = await call(appliancesRoute.GET, { token: b.token });
    expect(listed.json.items.map((i: { id: string }) => i.id)).toEqual([b.appliance.id]);
  });

  it('cannot sign parts for A’s upload, list its parts, complete or abort it', async () => {
    const a = await publisherWithVersion();
    const b = await publisherWithVersion();
    const up = await openUpload(a);
    const params = { uploadId: up.uploadId };
    const results = await Promise.all([
      call(signRoute.POST, { method: 'POST', token: b.token, params: { ...params, partNumber: '1' } }),
      call(partsRoute.GET, { token: b.token, params }),
      call(completeRoute.POST, { method: 'POST', token: b.token, params, body: { parts: [{ PartNumber: 1, ETag: up.etag }], sha256: '0'.repeat(64) } }),
      call(completeRoute.POST, {
        method: 'POST',
        token: b.token,
        params,
        headers: { 'content-type': 'application/xml', 'x-apx-sha256': '0'.repeat(64) },
        rawBody: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${up.etag}</ETag></Part></CompleteMultipartUpload>`,
      }),
      call(uploadRoute.DELETE, { method: 'DELETE', token: b.token, params }),
    ]);
    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(results[0].json.url).toBeUndefined();
    // A's upload is untouched: still open, its part still in S3.
    expect((await db.upload.findUniqueOrThrow({ where: { id: up.uploadId } })).state).toBe('ACTIVE');
    expect(await listUploadedParts(up.key, up.s3UploadId)).toHaveLength(1);
    // And B's list of unfinished uploads does not reveal it, even asked for A's version.
    const theirs = await call(uploadsRoute.GET, { token: b.token, path: `/api/v1/uploads?versionId=${a.version.id}` });
    expect(theirs.json.items).toEqual([]);
    // B cannot start an upload into A's version either.
    const into = await call(uploadsRoute.POST, { method: 'POST', token: b.token, body: { versionId: a.version.id, format: 'ISO', architecture: 'AMD64', fileName: 'x.iso', size: 10 } });
    expect(into.status).toBe(404);
  });

  it('cannot see A’s unpublished listing or its unverified files', async () => {
    const a = await publisherWithVersion();
    const b = await publisherWithVersion();
    const handle = a.publisher.handle;
    await db.applianceVersion.update({ where: { id: a.version.id }, data: { status: 'RELEASED', releasedAt: new Date() } });
    const files = await Promise.all(
      (['VERIFIED', 'REJECTED', 'PENDING'] as const).map((status, i) =>
        db.applianceFile.create({
          data: { versionId: a.version.id, format: (['OVA', 'QCOW2', 'RAW'] as const)[i], fileName: `f${i}`, sizeBytes: 1n, objectKey: `test/${a.version.id}/${i}`, status },
        }),
      ),
    );
    // Draft: invisible to B and to anonymous visitors, visible to A.
    expect(await getApplianceDetail(b.owner, handle, a.appliance.slug)).toBeNull();
    expect(await getApplianceDetail(null, handle, a.appliance.slug)).toBeNull();
    expect((await getApplianceDetail(a.owner, handle, a.appliance.slug))?.versions[0].files).toHaveLength(3);
    // Published: B sees only the verified file; the rejected and pending ones stay A's business.
    await db.appliance.update({ where: { id: a.appliance.id }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
    const seen = await getApplianceDetail(b.owner, handle, a.appliance.slug);
    expect(seen?.versions[0].files.map((f) => f.id)).toEqual([files[0].id]);
    expect(seen?.versions[0].files[0].downloadable).toBe(true);
  });
});

describe('who may publish at all', () => {
  it('anonymous callers get 401 everywhere, with a WWW-Authenticate challenge', async () => {
    const a = await publisherWithVersion();
    const up = await openUpload(a);
    const results = await Promise.all([
      call(uploadsRoute.POST, { method: 'POST', body: { versionId: a.version.id, format: 'OVA', architecture: 'AMD64', fileName: 'x.ova', size: 10 } }),
      call(uploadsRoute.GET, {}),
      call(signRoute.POST, { method: 'POST', params: { uploadId: up.uploadId, partNumber: '1' } }),
      call(partsRoute.GET, { params: { uploadId: up.uploadId } }),
      call(completeRoute.POST, { method: 'POST', params: { uploadId: up.uploadId }, body: { parts: [{ PartNumber: 1, ETag: up.etag }], sha256: '0'.repeat(64) } }),
      call(uploadRoute.DELETE, { method: 'DELETE', params: { uploadId: up.uploadId } }),
      call(appliancesRoute.POST, { method: 'POST', body: { slug: 'anon', name: 'Anon' } }),
      call(appliancesRoute.GET, {}),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(401));
    expect(results[0].headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await db.upload.findUniqueOrThrow({ where: { id: up.uploadId } })).state).toBe('ACTIVE');
  });

  it('a token with only the read scope cannot publish; a revoked or made-up token is refused', async () => {
    const a = await publisherWithVersion();
    const readOnly = await tokenFor(a.owner, ['read']);
    const results = await Promise.all([
      call(appliancesRoute.POST, { method: 'POST', token: readOnly, body: { slug: `ro-${Date.now()}`, name: 'Read only' } }),
      call(applianceRoute.PATCH, { method: 'PATCH', token: readOnly, params: { id: a.appliance.id }, body: { name: 'x' } }),
      call(versionsRoute.POST, { method: 'POST', token: readOnly, params: { id: a.appliance.id }, body: { version: '2.0' } }),
      call(uploadsRoute.POST, { method: 'POST', token: readOnly, body: { versionId: a.version.id, format: 'OVA', architecture: 'AMD64', fileName: 'x.ova', size: 10 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(results[0].json.detail).toMatch(/lacks the "publish" scope/);
    expect(await db.applianceVersion.count({ where: { applianceId: a.appliance.id } })).toBe(1);

    const bogus = await call(appliancesRoute.GET, { token: 'apx_notarealtokenatall' });
    expect(bogus.status).toBe(401);
  });

  it('creating a listing needs a publisher profile; slugs are unique per publisher', async () => {
    const plain = await createTestUser();
    const noProfile = await call(appliancesRoute.POST, { method: 'POST', token: await tokenFor(plain.actor), body: { slug: 'mine', name: 'Mine' } });
    expect(noProfile.status).toBe(403);
    expect(noProfile.json.detail).toMatch(/publisher profile first/);

    const a = await publisherWithVersion();
    const created = await call(appliancesRoute.POST, { method: 'POST', token: a.token, body: { slug: 'Web-Server', name: 'Web server', tags: ['nginx', 'NGINX', 'web'], license: 'MIT OR Apache-2.0' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ publisher: a.publisher.handle, slug: 'web-server', status: 'DRAFT' });
    const dup = await call(appliancesRoute.POST, { method: 'POST', token: a.token, body: { slug: 'web-server', name: 'Again' } });
    expect(dup.status).toBe(409);
    const bad = await call(appliancesRoute.POST, { method: 'POST', token: a.token, body: { slug: 'ok-slug', name: 'X', license: 'not a license!', homepage: 'javascript:alert(1)' } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.errors).sort()).toEqual(['homepage', 'license', 'name']);
  });
});

describe('moderation is for admins in a browser session', () => {
  it('refuses publishers, tokens, and rejections without a reason', async () => {
    const a = await publisherWithVersion();
    await db.appliance.update({ where: { id: a.appliance.id }, data: { status: 'IN_REVIEW', submittedAt: new Date() } });
    const admin = await createTestUser({ roles: ['ADMIN'] });
    const params = { id: a.appliance.id };

    const byOwner = await call(moderationRoute.POST, { method: 'POST', cookie: await sessionCookie(a.owner.email), params, body: { decision: 'approve' } });
    expect(byOwner.status).toBe(403);
    const byToken = await call(moderationRoute.POST, { method: 'POST', token: await tokenFor(admin.actor), params, body: { decision: 'approve' } });
    expect(byToken.status).toBe(403);
    const anon = await call(moderationRoute.POST, { method: 'POST', params, body: { decision: 'approve' } });
    expect(anon.status).toBe(401);
    const adminCookie = await sessionCookie(admin.email);
    const noReason = await call(moderationRoute.POST, { method: 'POST', cookie: adminCookie, params, body: { decision: 'reject', reason: ' ' } });
    expect(noReason.status).toBe(422);
    expect((await db.appliance.findUniqueOrThrow({ where: { id: a.appliance.id } })).status).toBe('IN_REVIEW');

    const rejected = await call(moderationRoute.POST, { method: 'POST', cookie: adminCookie, params, body: { decision: 'reject', reason: 'Screenshots missing.' } });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ status: 'REJECTED', reviewNote: 'Screenshots missing.' });
    // Deciding twice is a conflict, not a silent overwrite.
    const twice = await call(moderationRoute.POST, { method: 'POST', cookie: adminCookie, params, body: { decision: 'approve' } });
    expect(twice.status).toBe(409);
  });
});
