import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedS3, type EmbeddedS3Handle } from '../embedded-s3.ts';
import { findFreePort } from '../ports.ts';
import { verifySigV4 } from '../sigv4-verify.ts';

const keys = { accessKeyId: `TEST${randomBytes(4).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(16).toString('hex') };
const bucket = 'auth-test';
let s3: EmbeddedS3Handle;
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 's3auth-'));
  s3 = await startEmbeddedS3({ dir, port: await findFreePort(), bucket, ...keys, host: '127.0.0.1' });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: keys,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'private/a file (1).bin', Body: Buffer.from('secret bytes') }));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the embedded S3 only serves requests signed with our key', () => {
  it('serves the SDK (header signatures) and presigned URLs, Range included', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'private/a file (1).bin' }), { expiresIn: 60 });
    const res = await fetch(url, { headers: { Range: 'bytes=7-' } });
    expect(res.status).toBe(206);
    expect(await res.text()).toBe('bytes');
  });

  it('refuses anonymous reads and writes', async () => {
    const key = 'private/a%20file%20%281%29.bin';
    expect((await fetch(`${s3.endpoint}/${bucket}/${key}`)).status).toBe(403);
    expect((await fetch(`${s3.endpoint}/${bucket}/x`, { method: 'PUT', body: 'evil' })).status).toBe(403);
    expect((await fetch(`${s3.endpoint}/${bucket}?list-type=2`)).status).toBe(403);
  });

  it('refuses a tampered or re-targeted presigned URL', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'private/a file (1).bin' }), { expiresIn: 60 });
    const other = url.replace('a%20file', 'b%20file');
    expect((await fetch(other)).status).toBe(403);
    const forged = url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`);
    expect((await fetch(forged)).status).toBe(403);
    const put = url.replace('?', '?'); // same URL, other method: the method is signed
    expect((await fetch(put, { method: 'PUT', body: 'x' })).status).toBe(403);
  });

  it('refuses an expired presigned URL and a request signed with another secret', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'private/a file (1).bin' }), { expiresIn: 1 });
    const u = new URL(url);
    const verdict = verifySigV4({ method: 'GET', url: `${u.pathname}${u.search}`, headers: { host: u.host } }, keys, Date.now() + 5_000);
    expect(verdict).toMatchObject({ ok: false, code: 'RequestExpired' });
    const wrong = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...keys, secretAccessKey: 'not-the-secret' } });
    await expect(wrong.send(new GetObjectCommand({ Bucket: bucket, Key: 'private/a file (1).bin' }))).rejects.toThrow();
    wrong.destroy();
  });

  it('still answers CORS preflights for browser uploads', async () => {
    const res = await fetch(`${s3.endpoint}/${bucket}/x`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
