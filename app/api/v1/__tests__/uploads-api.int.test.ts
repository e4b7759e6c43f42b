import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { headObject, getObjectStream } from '@/lib/server/storage/s3';
import * as uploadsRoute from '@/app/api/v1/uploads/route';
import * as uploadRoute from '@/app/api/v1/uploads/[uploadId]/route';
import * as partsRoute from '@/app/api/v1/uploads/[uploadId]/parts/route';
import * as signRoute from '@/app/api/v1/uploads/[uploadId]/parts/[partNumber]/route';
import * as completeRoute from '@/app/api/v1/uploads/[uploadId]/complete/route';
import { call, publisherWithVersion, putPart } from '@/lib/server/publishing/__tests__/api-helpers';
import { MiB } from '@/lib/core/uploads/part-size';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function readAll(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await getObjectStream(key)) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

async function start(token: string, body: Record<string, unknown>) {
  return call(uploadsRoute.POST, { method: 'POST', token, body });
}

describe('multipart uploads through the API', () => {
  it('creates, signs, lists, completes — and the object is byte for byte the file', async () => {
    const a = await publisherWithVersion();
    const bytes = randomBytes(8 * MiB + 1234);
    const created = await start(a.token, { versionId: a.version.id, format: 'OVA', architecture: 'AMD64', fileName: 'hello appliance.ova', size: bytes.length });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ partSize: 8 * MiB, maxParts: 2 });
    const { uploadId, fileId, key } = created.json;
    // The server chose the key: under the listing and version, with a cleaned-up name.
    expect(key).toBe(`appliances/${a.appliance.id}/${a.version.id}/${fileId}/hello-appliance.ova`);
    expect((await db.applianceFile.findUniqueOrThrow({ where: { id: fileId } })).status).toBe('UPLOADING');

    const etags: string[] = [];
    for (const [n, slice] of [[1, bytes.subarray(0, 8 * MiB)], [2, bytes.subarray(8 * MiB)]] as const) {
      const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId, partNumber: String(n) } });
      expect(signed.status).toBe(200);
      expect(signed.json.url).toContain('uploadId=');
      etags.push(await putPart(signed.json.url, slice));
    }

    const listed = await call(partsRoute.GET, { token: a.token, params: { uploadId } });
    expect(listed.status).toBe(200);
    expect(listed.json.parts).toEqual([
      { PartNumber: 1, ETag: etags[0], Size: 8 * MiB },
      { PartNumber: 2, ETag: etags[1], Size: 1234 },
    ]);

    const done = await call(completeRoute.POST, {
      method: 'POST',
      token: a.token,
      params: { uploadId },
      body: { parts: [{ PartNumber: 2, ETag: etags[1] }, { PartNumber: 1, ETag: etags[0] }], sha256: sha256(bytes).toUpperCase() },
    });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ fileId, status: 'PENDING' });
    const file = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId }, include: { upload: true } });
    expect(file.status).toBe('PENDING');
    expect(file.clientSha256).toBe(sha256(bytes));
    expect(file.upload?.state).toBe('COMPLETED');
    expect((await readAll(key)).equals(bytes)).toBe(true);
    expect((await headObject(key))?.contentType).toBe('application/x-tar');

    // A client that lost the answer may complete again and gets the same answer.
    const again = await call(completeRoute.POST, { method: 'POST', token: a.token, params: { uploadId }, body: { parts: [{ PartNumber: 1, ETag: etags[0] }], sha256: sha256(bytes) } });
    expect(again.status).toBe(200);
    expect(again.json.fileId).toBe(fileId);
    // And it no longer takes parts.
    expect((await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId, partNumber: '1' } })).status).toBe(409);
  });

  it('resumes: a new page finds the unfinished upload, S3 lists the part it has, only the rest is sent', async () => {
    const a = await publisherWithVersion();
    const bytes = randomBytes(16 * MiB + 10);
    const { json: created } = await start(a.token, { versionId: a.version.id, format: 'QCOW2', architecture: 'ARM64', fileName: 'disk.qcow2', size: bytes.length });
    expect(created.maxParts).toBe(3);
    const first = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId, partNumber: '2' } });
    const etag2 = await putPart(first.json.url, bytes.subarray(8 * MiB, 16 * MiB));

    // "Reload": the page knows nothing but the version; the server tells it what to resume.
    const unfinished = await call(uploadsRoute.GET, { token: a.token, path: `/api/v1/uploads?versionId=${a.version.id}` });
    expect(unfinished.json.items).toHaveLength(1);
    expect(unfinished.json.items[0]).toMatchObject({ uploadId: created.uploadId, fileName: 'disk.qcow2', size: bytes.length, format: 'QCOW2', architecture: 'ARM64', partSize: 8 * MiB });
    const parts = (await call(partsRoute.GET, { token: a.token, params: { uploadId: created.uploadId } })).json.parts as { PartNumber: number; ETag: string }[];
    expect(parts.map((p) => p.PartNumber)).toEqual([2]);

    const sent: number[] = [];
    const all = [...parts.map((p) => ({ PartNumber: p.PartNumber, ETag: p.ETag }))];
    for (const n of [1, 2, 3].filter((x) => !parts.some((p) => p.PartNumber === x))) {
      const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId, partNumber: String(n) } });
      all.push({ PartNumber: n, ETag: await putPart(signed.json.url, bytes.subarray((n - 1) * 8 * MiB, n * 8 * MiB)) });
      sent.push(n);
    }
    expect(sent).toEqual([1, 3]);
    expect(all.find((p) => p.PartNumber === 2)?.ETag).toBe(etag2);
    const done = await call(completeRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId }, body: { parts: all, sha256: sha256(bytes) } });
    expect(done.status).toBe(200);
    expect((await readAll(created.key)).equals(bytes)).toBe(true);
    expect((await call(uploadsRoute.GET, { token: a.token, path: `/api/v1/uploads?versionId=${a.version.id}` })).json.items).toHaveLength(0);
  });

  it('speaks S3’s CompleteMultipartUpload XML for Uppy, with the SHA-256 in a header', async () => {
    const a = await publisherWithVersion();
    const bytes = randomBytes(1000);
    const { json: created } = await start(a.token, { versionId: a.version.id, format: 'ISO', architecture: 'AMD64', fileName: 'live.iso', size: 1000 });
    const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId, partNumber: '1' } });
    const etag = (await putPart(signed.json.url, bytes)).replaceAll('"', '');
    const res = await call(completeRoute.POST, {
      method: 'POST',
      token: a.token,
      params: { uploadId: created.uploadId },
      headers: { 'content-type': 'application/xml', 'x-apx-sha256': sha256(bytes) },
      rawBody: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    expect(res.text).toMatch(/<CompleteMultipartUploadResult><Location>http:\/\/localhost:3999\/api\/v1\/uploads\/\w+<\/Location>/);
    expect(res.text).toContain(`<Key>${created.fileId}</Key>`);
    expect((await db.applianceFile.findUniqueOrThrow({ where: { id: created.fileId } })).clientSha256).toBe(sha256(bytes));

    // Errors come back as S3 error documents, so Uppy's client reports them.
    const { json: second } = await start(a.token, { versionId: a.version.id, format: 'ISO', architecture: 'ARM64', fileName: 'live.iso', size: 10 });
    const bad = await call(completeRoute.POST, {
      method: 'POST',
      token: a.token,
      params: { uploadId: second.uploadId },
      headers: { 'content-type': 'application/xml', 'x-apx-sha256': 'nope' },
      rawBody: '<!DOCTYPE x [<!ENTITY a "b">]><CompleteMultipartUpload></CompleteMultipartUpload>',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<Error><Code>INVALID</Code>');
  });

  it('refuses completion when the object is not the announced size, and says so on the file', async () => {
    const a = await publisherWithVersion();
    const { json: created } = await start(a.token, { versionId: a.version.id, format: 'RAW', architecture: 'AMD64', fileName: 'disk.img', size: 5000 });
    const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId, partNumber: '1' } });
    const bytes = randomBytes(4000);
    const etag = await putPart(signed.json.url, bytes);
    const res = await call(completeRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId }, body: { parts: [{ PartNumber: 1, ETag: etag }], sha256: sha256(bytes) } });
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/4000 bytes\) but 5000 bytes were announced/);
    const file = await db.applianceFile.findUniqueOrThrow({ where: { id: created.fileId } });
    expect(file).toMatchObject({ status: 'REJECTED', rejectCode: 'SIZE_MISMATCH' });
    expect(await headObject(created.key)).toBeNull();
  });

  it('refuses a completion listing a part S3 does not have (wrong ETag)', async () => {
    const a = await publisherWithVersion();
    const { json: created } = await start(a.token, { versionId: a.version.id, format: 'RAW', architecture: 'AMD64', fileName: 'disk.raw', size: 100 });
    const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId, partNumber: '1' } });
    await putPart(signed.json.url, randomBytes(100));
    const res = await call(completeRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId }, body: { parts: [{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }], sha256: '0'.repeat(64) } });
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/does not hold every listed part/);
  });

  it('aborts: S3 drops the parts, the slot is free again', async () => {
    const a = await publisherWithVersion();
    const body = { versionId: a.version.id, format: 'VMDK', architecture: 'AMD64', fileName: 'disk.vmdk', size: 20 * MiB };
    const { json: created } = await start(a.token, body);
    const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId, partNumber: '1' } });
    await putPart(signed.json.url, randomBytes(8 * MiB));
    // The slot is held while the upload is open.
    const busy = await start(a.token, body);
    expect(busy.status).toBe(409);
    expect(busy.json.detail).toMatch(/unfinished upload of disk.vmdk/);

    const aborted = await call(uploadRoute.DELETE, { method: 'DELETE', token: a.token, params: { uploadId: created.uploadId } });
    expect(aborted.status).toBe(204);
    expect(await db.applianceFile.findUnique({ where: { id: created.fileId } })).toBeNull();
    expect(await db.upload.findUnique({ where: { id: created.uploadId } })).toBeNull();
    const fresh = await start(a.token, body);
    expect(fresh.status).toBe(201);
  });

  it('enforces sizes, names, types and slots on the server', async () => {
    const a = await publisherWithVersion();
    const base = { versionId: a.version.id, format: 'OVA', architecture: 'AMD64', fileName: 'x.ova', size: 1000 };
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ size: 51 * 1024 ** 3 }, 413, /at most 50(\.0)? GiB/],
      [{ size: 0 }, 422, /empty/],
      [{ size: -5 }, 422, /empty/],
      [{ size: 1.5 }, 422, /whole number/],
      [{ fileName: 'page.html' }, 415, /must end in \.ova/],
      [{ fileName: 'image.svg', format: 'ISO' }, 415, /must end in \.iso/],
      [{ fileName: 'x.ova', contentType: 'text/html' }, 415, /text\/html are not accepted/],
      [{ fileName: 'x.ova', contentType: 'image/svg+xml' }, 415, /not accepted/],
      [{ format: 'EXE' }, 422, /did not validate/],
      [{ architecture: 'MIPS' }, 422, /did not validate/],
      [{ provider: 'virtualbox' }, 422, /Only Vagrant boxes have a provider/],
      [{ format: 'VAGRANT_BOX', fileName: 'x.box', provider: 'evil provider' }, 422, /did not validate/],
      [{ format: 'VAGRANT_BOX', fileName: 'x.box', provider: 'nonsense' }, 422, /Unknown Vagrant provider/],
      [{ versionId: 'does-not-exist' }, 404, /does not exist/],
    ];
    for (const [change, status, detail] of cases) {
      const res = await start(a.token, { ...base, ...change });
      expect(res.status, JSON.stringify(change)).toBe(status);
      // Validation failures name the field in `errors`; refusals explain themselves in `detail`.
      expect(`${res.json.detail} ${JSON.stringify(res.json.errors ?? {})}`, JSON.stringify(change)).toMatch(detail);
    }
    expect(await db.applianceFile.count({ where: { versionId: a.version.id } })).toBe(0);

    // Part numbers are checked too.
    const { json: created } = await start(a.token, base);
    for (const [n, status] of [['0', 422], ['10001', 422], ['2', 422], ['x', 422]] as const) {
      expect((await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: created.uploadId, partNumber: n } })).status).toBe(status);
    }
  });

  it('lets a rejected file be replaced, but not a verified one; revoked versions take no files', async () => {
    const a = await publisherWithVersion();
    const slot = { versionId: a.version.id, format: 'QCOW2' as const, architecture: 'AMD64' as const, provider: '' };
    await db.applianceFile.create({ data: { ...slot, fileName: 'old.qcow2', sizeBytes: 10n, objectKey: `test/${a.version.id}/old`, status: 'REJECTED', rejectReason: 'bad' } });
    const replaced = await start(a.token, { ...slot, fileName: 'new.qcow2', size: 10 });
    expect(replaced.status).toBe(201);
    await db.applianceFile.update({ where: { id: replaced.json.fileId }, data: { status: 'VERIFIED' } });
    const taken = await start(a.token, { ...slot, fileName: 'newer.qcow2', size: 10 });
    expect(taken.status).toBe(409);
    expect(taken.json.detail).toMatch(/already has a qcow2 \(amd64\) file/);

    await db.applianceVersion.update({ where: { id: a.version.id }, data: { status: 'REVOKED' } });
    const revoked = await start(a.token, { ...slot, architecture: 'ARM64', fileName: 'x.qcow2', size: 10 });
    expect(revoked.status).toBe(409);
    expect(revoked.json.detail).toMatch(/revoked/);
  });
});
