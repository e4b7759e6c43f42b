import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedS3, type EmbeddedS3Handle } from '../embedded-s3.ts';
import { findFreePort } from '../ports.ts';
import { resolveRange } from '../s3rver-ranges.ts';

const keys = { accessKeyId: `TEST${randomBytes(4).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(16).toString('hex') };
const bucket = 'range-test';
const body = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz'); // 36 bytes
let s3: EmbeddedS3Handle;
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 's3range-'));
  s3 = await startEmbeddedS3({ dir, port: await findFreePort(), bucket, ...keys, host: '127.0.0.1' });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: keys,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'disk.img', Body: body }));
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'empty', Body: Buffer.alloc(0) }));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function get(range: string, key = 'disk.img', method = 'GET') {
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
  const res = await fetch(url, { method, headers: { Range: range } });
  return { status: res.status, range: res.headers.get('content-range'), length: res.headers.get('content-length'), text: await res.text() };
}

describe('the embedded S3 answers Range headers as S3 does', () => {
  it('serves a suffix range as the LAST bytes', async () => {
    expect(await get('bytes=-16')).toEqual({ status: 206, range: 'bytes 20-35/36', length: '16', text: 'klmnopqrstuvwxyz' });
    expect(await get('bytes=-1')).toMatchObject({ status: 206, range: 'bytes 35-35/36', text: 'z' });
  });

  it('serves a suffix longer than the object as the whole object, 206', async () => {
    expect(await get('bytes=-1000')).toMatchObject({ status: 206, range: 'bytes 0-35/36', text: body.toString() });
  });

  it('serves open ranges to the end, and clips a last byte past the end', async () => {
    expect(await get('bytes=30-')).toMatchObject({ status: 206, range: 'bytes 30-35/36', text: 'uvwxyz' });
    expect(await get('bytes=0-')).toMatchObject({ status: 206, range: 'bytes 0-35/36', text: body.toString() });
    expect(await get('bytes=34-999')).toMatchObject({ status: 206, range: 'bytes 34-35/36', text: 'yz' });
    expect(await get('bytes=2-4')).toMatchObject({ status: 206, range: 'bytes 2-4/36', text: '234' });
  });

  it('answers 416 InvalidRange for a first byte at or past the end, a zero suffix, any range of an empty object', async () => {
    for (const [range, key] of [['bytes=36-', 'disk.img'], ['bytes=100-200', 'disk.img'], ['bytes=-0', 'disk.img'], ['bytes=0-', 'empty'], ['bytes=-5', 'empty']]) {
      const res = await get(range, key);
      expect(res.status, `${key} ${range}`).toBe(416);
      expect(res.text).toContain('<Code>InvalidRange</Code>');
    }
  });

  it('ignores a header S3 ignores (malformed, several ranges, last before first): the whole object, 200', async () => {
    for (const range of ['bytes=5-2', 'bytes=0-1,4-5', 'items=0-5', 'bytes=abc', 'bytes=-']) {
      const res = await get(range);
      expect(res.status, range).toBe(200);
      expect(res.text, range).toBe(body.toString());
    }
  });

  it('answers the same through the SDK (header-signed), HEAD included', async () => {
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'disk.img', Range: 'bytes=-4' }));
    expect(got.ContentRange).toBe('bytes 32-35/36');
    expect(await got.Body!.transformToString()).toBe('wxyz');
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'disk.img', Range: 'bytes=-4' }));
    expect(head.ContentLength).toBe(4);
    expect(head.ContentRange).toBe('bytes 32-35/36');
  });

  it('still answers NoSuchKey for a range on a missing key', async () => {
    const res = await get('bytes=-4', 'missing');
    expect(res.status).toBe(404);
    expect(res.text).toContain('NoSuchKey');
  });
});

describe('resolveRange', () => {
  it('resolves against the size', () => {
    expect(resolveRange(undefined, 10)).toEqual({ kind: 'whole' });
    expect(resolveRange('bytes=-3', 10)).toEqual({ kind: 'range', start: 7, end: 9 });
    expect(resolveRange('bytes = 3 - ', 10)).toEqual({ kind: 'range', start: 3, end: 9 });
    expect(resolveRange('bytes=9-9', 10)).toEqual({ kind: 'range', start: 9, end: 9 });
    expect(resolveRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(resolveRange(`bytes=0-${'9'.repeat(40)}`, 10)).toEqual({ kind: 'range', start: 0, end: 9 });
    expect(resolveRange(`bytes=-${'9'.repeat(40)}`, 10)).toEqual({ kind: 'range', start: 0, end: 9 });
  });
});
