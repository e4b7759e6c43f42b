// Upload throughput: a 1 GiB file through the multipart path the browser takes (the server's lib/
// functions create the upload and sign each part, parts go up in parallel to presigned URLs, the
// server completes), against one presigned PUT of the same bytes to the same embedded S3 server.
// Run: npm run bench -- upload [sizeMiB=1024] [parallelParts=4] [rounds=3]
// Last line: upload_ratio=<multipart throughput ÷ raw throughput> (goal ≥ 0.9).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { findFreePort } from '../scripts/lib/ports';

const MiB = 1024 * 1024;
const sizeMiB = Number(process.argv[2] ?? 1024);
const parallel = Number(process.argv[3] ?? 4);
const rounds = Number(process.argv[4] ?? 3);

/** PUTs a byte range of a file to a presigned URL, streaming from disk; returns the ETag. */
function put(url: string, file: string, start: number, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ method: 'PUT', hostname: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { 'content-length': length }, agent: keepAlive });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(String(res.headers.etag ?? '')) : reject(new Error(`PUT answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    createReadStream(file, { start, end: start + length - 1, highWaterMark: MiB }).pipe(req);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });

async function writeRandomFile(file: string, bytes: number) {
  const out = createWriteStream(file);
  const chunk = 16 * MiB;
  for (let written = 0; written < bytes; written += chunk) {
    if (!out.write(randomBytes(Math.min(chunk, bytes - written)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-bench-upload-'));
  const bucket = 'bench-upload';
  const keys = { accessKeyId: `BENCH${randomBytes(4).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(16).toString('hex') };
  // The S3 server runs in its own process, as in production: client and server do not share a thread.
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '_embedded-s3-server.ts'), path.join(dir, 'objects'), String(await findFreePort()), bucket, keys.accessKeyId, keys.secretAccessKey], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(server.stdout, 'data')) as [Buffer];
  const s3 = JSON.parse(line.toString()) as { endpoint: string };
  Object.assign(process.env, {
    S3_ENDPOINT: s3.endpoint,
    S3_PUBLIC_ENDPOINT: s3.endpoint,
    S3_BUCKET: bucket,
    S3_REGION: 'us-east-1',
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: keys.accessKeyId,
    S3_SECRET_ACCESS_KEY: keys.secretAccessKey,
  });
  // Loaded after the environment names the bench's S3 server (the client is built on first use).
  const storageModule = await import('../lib/server/storage/s3');
  const { createMultipartUpload, presignUploadPart, completeMultipartUpload, headObject, deleteObject, storage } = storageModule;
  const { partSizeFor, partCountFor } = await import('../lib/core/uploads/part-size');

  const file = path.join(dir, 'payload.bin');
  try {
    const bytes = sizeMiB * MiB;
    console.log(`writing ${sizeMiB} MiB of random bytes to ${file} …`);
    await writeRandomFile(file, bytes);
    if (statSync(file).size !== bytes) throw new Error('short write');

    const partSize = partSizeFor(bytes);
    const count = partCountFor(bytes, partSize);

    // (b) one raw PUT of the whole file.
    const rawPut = (key: string) =>
      timed(async () => {
        const url = await getSignedUrl(storage().presigner, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 });
        await put(url, file, 0, bytes);
        if ((await headObject(key))?.size !== bytes) throw new Error('raw object has the wrong size');
      });

    // (a) multipart as the browser does it: the server creates the upload (telling S3 the part size,
    // as the app does) and signs each part; parts go up in parallel; the server completes.
    const multipart = (key: string) =>
      timed(async () => {
        const uploadId = await createMultipartUpload(key, 'application/octet-stream', { 'apx-part-size': String(partSize) });
        const parts: { PartNumber: number; ETag: string }[] = [];
        let next = 1;
        await Promise.all(
          Array.from({ length: parallel }, async () => {
            while (next <= count) {
              const n = next++;
              const start = (n - 1) * partSize;
              const url = await presignUploadPart(key, uploadId, n);
              parts.push({ PartNumber: n, ETag: await put(url, file, start, Math.min(partSize, bytes - start)) });
            }
          }),
        );
        await completeMultipartUpload(key, uploadId, parts);
        if ((await headObject(key))?.size !== bytes) throw new Error('multipart object has the wrong size');
      });

    // The disk and CPUs are shared: alternate the two, start each from a clean page cache state
    // (sync), and compare medians.
    const rawTimes: number[] = [];
    const multipartTimes: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['raw', 'multipart'] as const) : (['multipart', 'raw'] as const);
      for (const kind of order) {
        execFileSync('sync');
        const key = `bench/${kind}-${round}.bin`;
        const t = kind === 'raw' ? await rawPut(key) : await multipart(key);
        (kind === 'raw' ? rawTimes : multipartTimes).push(t.seconds);
        console.log(`round ${round + 1} ${kind.padEnd(9)} ${t.seconds.toFixed(2)} s (${(bytes / 1e6 / t.seconds).toFixed(0)} MB/s), ${t.cpuSeconds.toFixed(1)} s CPU`);
        await deleteObject(key);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const raw = median(rawTimes);
    const multi = median(multipartTimes);
    const mbps = (s: number) => bytes / 1e6 / s;
    console.log(`file size:       ${bytes} bytes; multipart in ${count} parts of ${partSize / MiB} MiB, ${parallel} at a time, signing and completion included`);
    console.log(`raw PUT:         median ${raw.toFixed(2)} s, ${mbps(raw).toFixed(0)} MB/s`);
    console.log(`multipart:       median ${multi.toFixed(2)} s, ${mbps(multi).toFixed(0)} MB/s`);
    console.log(`upload_ratio=${(raw / multi).toFixed(3)}`);
  } finally {
    keepAlive.destroy();
    server.kill('SIGTERM');
    await once(server, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
