import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, HeadObjectCommand, ListPartsCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { createMultipartUpload, listUploadedParts } from '@/lib/server/storage/s3';
import { cleanupAbandonedUploads } from '@/lib/server/uploads/cleanup-abandoned-uploads';
import * as uploadsRoute from '@/app/api/v1/uploads/route';
import * as signRoute from '@/app/api/v1/uploads/[uploadId]/parts/[partNumber]/route';
import { call, publisherWithVersion, putPart } from '@/lib/server/publishing/__tests__/api-helpers';
import { startEmbeddedS3 } from '../../../../scripts/lib/embedded-s3';
import { findFreePort } from '../../../../scripts/lib/ports';

const HOUR = 3_600_000;

describe('the clean-up job', () => {
  it('aborts uploads idle longer than the TTL, in S3 and in the database, and leaves living ones alone', async () => {
    const a = await publisherWithVersion();
    const start = async (fileName: string, format: 'RAW' | 'ISO') => {
      const res = await call(uploadsRoute.POST, { method: 'POST', token: a.token, body: { versionId: a.version.id, format, architecture: 'AMD64', fileName, size: 1000 } });
      const signed = await call(signRoute.POST, { method: 'POST', token: a.token, params: { uploadId: res.json.uploadId, partNumber: '1' } });
      await putPart(signed.json.url, randomBytes(1000));
      return res.json as { uploadId: string; fileId: string; key: string; s3UploadId: string };
    };
    const stale = await start('stale.img', 'RAW');
    const fresh = await start('fresh.iso', 'ISO');
    // Twenty-five hours without activity.
    await db.$executeRaw`UPDATE "Upload" SET "updatedAt" = now() - interval '25 hours' WHERE id = ${stale.uploadId}`;
    // S3 also holds an upload no row knows about (a crash between creating and recording it).
    const orphanPrefix = `appliances/orphan-${randomBytes(4).toString('hex')}/`;
    const orphanKey = `${orphanPrefix}x.img`;
    const orphanId = await createMultipartUpload(orphanKey, 'application/octet-stream');

    const result = await cleanupAbandonedUploads({ ttlHours: 24, userId: a.owner.id, prefix: orphanPrefix });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(await db.upload.findUnique({ where: { id: stale.uploadId } })).toBeNull();
    expect(await db.applianceFile.findUnique({ where: { id: stale.fileId } })).toBeNull();
    await expect(listUploadedParts(stale.key, stale.s3UploadId)).rejects.toMatchObject({ name: 'NoSuchUpload' });
    expect((await db.auditLog.findFirst({ where: { action: 'upload.expire', targetId: stale.fileId } }))?.actorId).toBeNull();

    // The fresh one is untouched; the orphan is younger than the TTL, so it stays too.
    expect((await db.upload.findUniqueOrThrow({ where: { id: fresh.uploadId } })).state).toBe('ACTIVE');
    expect(await listUploadedParts(fresh.key, fresh.s3UploadId)).toHaveLength(1);
    expect(await listUploadedParts(orphanKey, orphanId)).toHaveLength(0);

    // A day later, the orphan goes as well; the fresh upload, now stale, too. (Scoped to this test's
    // user: other test files share the database.)
    const later = await cleanupAbandonedUploads({ ttlHours: 24, now: new Date(Date.now() + 25 * HOUR), userId: a.owner.id, prefix: orphanPrefix });
    expect(later.orphans).toBeGreaterThanOrEqual(1);
    await expect(listUploadedParts(orphanKey, orphanId)).rejects.toMatchObject({ name: 'NoSuchUpload' });
    expect(await db.upload.findUnique({ where: { id: fresh.uploadId } })).toBeNull();
  });

  it('queues the inspection again of files left waiting', async () => {
    const a = await publisherWithVersion();
    const file = await db.applianceFile.create({
      data: { versionId: a.version.id, format: 'ISO', fileName: 'x.iso', sizeBytes: 1n, objectKey: `test/${a.version.id}/x`, status: 'PENDING', updatedAt: new Date(Date.now() - HOUR) },
    });
    const result = await cleanupAbandonedUploads({ ttlHours: 24, userId: a.owner.id, prefix: 'appliances/none/' });
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    const jobs = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM pgboss.job WHERE name = 'inspect-file' AND data->>'fileId' = ${file.id}`;
    expect(Number(jobs[0].count)).toBe(1);
  });
});

describe('the embedded S3 across a restart', () => {
  it('keeps an unfinished upload: its parts are listed after the restart and only the rest is sent', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-s3-restart-'));
    const port = await findFreePort();
    const options = { dir, port, bucket: 'restart-test', accessKeyId: 'AKRESTART', secretAccessKey: 'restart-secret-123', host: '127.0.0.1' };
    let s3 = await startEmbeddedS3(options);
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } });
    try {
      const Bucket = options.bucket;
      const Key = 'appliances/a/b/c/disk.img';
      const first = randomBytes(5 * 1024 * 1024);
      const second = randomBytes(1234);
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
      const p1 = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: first }));

      await s3.stop();
      s3 = await startEmbeddedS3(options);

      const listed = await client.send(new ListPartsCommand({ Bucket, Key, UploadId }));
      expect(listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([[1, p1.ETag, first.length]]);
      const p2 = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: second }));
      await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }));
      expect((await client.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength).toBe(first.length + second.length);
    } finally {
      await s3.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
