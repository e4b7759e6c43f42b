// The embedded S3's multipart uploads (scripts/lib/s3rver-multipart.ts), which resumable uploads
// rely on: parts written in place, replaced parts, parts that do not fit, partial completions.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedS3, type EmbeddedS3Handle } from '../../../../scripts/lib/embedded-s3';
import { findFreePort } from '../../../../scripts/lib/ports';

const MiB = 1024 * 1024;
const Bucket = 'multipart-test';
let dir: string;
let s3: EmbeddedS3Handle;
let client: S3Client;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'apx-s3-multipart-'));
  s3 = await startEmbeddedS3({ dir, port: await findFreePort(), bucket: Bucket, accessKeyId: 'AKMULTI', secretAccessKey: 'multi-secret-123', host: '127.0.0.1' });
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'AKMULTI', secretAccessKey: 'multi-secret-123' } });
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(Key: string, partSize?: number) {
  const out = await client.send(new CreateMultipartUploadCommand({ Bucket, Key, Metadata: partSize ? { 'apx-part-size': String(partSize) } : undefined }));
  return out.UploadId!;
}
async function part(Key: string, UploadId: string, PartNumber: number, Body: Buffer) {
  return (await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body }))).ETag!;
}
async function complete(Key: string, UploadId: string, parts: [number, string][]) {
  return client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts.map(([PartNumber, ETag]) => ({ PartNumber, ETag })) } }));
}
async function read(Key: string) {
  return Buffer.from(await (await client.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToByteArray());
}
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

describe('multipart uploads on the embedded S3', () => {
  it('writes parts in place, in any order, replaces a part sent again, and completes with S3’s multipart ETag', async () => {
    const Key = 'a/in-place.bin';
    const id = await start(Key, 5 * MiB);
    const [p1, p2, p2again, p3] = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1000)];
    const [e3, e1, e2] = await Promise.all([part(Key, id, 3, p3), part(Key, id, 1, p1), part(Key, id, 2, p2)]);
    expect(e2).toBe(`"${md5(p2)}"`);
    const e2again = await part(Key, id, 2, p2again);
    const listed = await client.send(new ListPartsCommand({ Bucket, Key, UploadId: id }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      [1, e1, 5 * MiB],
      [2, e2again, 5 * MiB],
      [3, e3, 1000],
    ]);
    // The replaced part's old ETag no longer completes.
    await expect(complete(Key, id, [[1, e1], [2, e2], [3, e3]])).rejects.toMatchObject({ name: 'InvalidPart' });
    const done = await complete(Key, id, [[1, e1], [2, e2again], [3, e3]]);
    const expectedEtag = createHash('md5')
      .update(Buffer.concat([p1, p2again, p3].map((b) => Buffer.from(md5(b), 'hex'))))
      .digest('hex');
    expect(done.ETag).toBe(`"${expectedEtag}-3"`);
    expect((await read(Key)).equals(Buffer.concat([p1, p2again, p3]))).toBe(true);
  });

  it('joins parts that do not fit the announced size, or a subset of parts, by copying', async () => {
    const Key = 'a/mixed.bin';
    const id = await start(Key, 5 * MiB);
    const [p1, big2, p3, p4] = [randomBytes(5 * MiB), randomBytes(6 * MiB), randomBytes(5 * MiB), randomBytes(10)];
    const e1 = await part(Key, id, 1, p1);
    const e2 = await part(Key, id, 2, big2);
    const e3 = await part(Key, id, 3, p3);
    await part(Key, id, 4, p4);
    // Part 4 was sent but is left out; part 2 is larger than announced.
    await complete(Key, id, [[1, e1], [2, e2], [3, e3]]);
    expect((await read(Key)).equals(Buffer.concat([p1, big2, p3]))).toBe(true);

    const Key2 = 'a/gap.bin';
    const id2 = await start(Key2, 5 * MiB);
    const [q1, q2, q3] = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(20)];
    const f1 = await part(Key2, id2, 1, q1);
    await part(Key2, id2, 2, q2);
    const f3 = await part(Key2, id2, 3, q3);
    await complete(Key2, id2, [[1, f1], [3, f3]]);
    expect((await read(Key2)).equals(Buffer.concat([q1, q3]))).toBe(true);
  });

  it('refuses too-small middle parts and unknown uploads, lists open uploads and aborts them', async () => {
    const Key = 'b/small.bin';
    const id = await start(Key, 5 * MiB);
    const e1 = await part(Key, id, 1, randomBytes(100));
    const e2 = await part(Key, id, 2, randomBytes(100));
    await expect(complete(Key, id, [[1, e1], [2, e2]])).rejects.toMatchObject({ name: 'EntityTooSmall' });
    await expect(part(Key, 'f'.repeat(32), 1, randomBytes(10))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    const open = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'b/' }));
    expect(open.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([[Key, id]]);
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: id }));
    await expect(client.send(new ListPartsCommand({ Bucket, Key, UploadId: id }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'b/' }))).Uploads ?? []).toEqual([]);
  });
});
