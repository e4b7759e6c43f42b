// Downloads through the product as a user starts it (scripts/start.ts, own data dir and ports):
// 1. 200 concurrent clients on GET /api/v1/files/{id}/download for 20 s (autocannon): errors and
//    p99 (goal: 0 errors, p99 < 100 ms);
// 2. a 1 GiB file fetched through the redirect versus straight from its presigned URL, alternating,
//    seven rounds each: download_ratio = median direct time ÷ median redirect time (goal ≥ 0.98).
// Run: npm run bench -- download   (NEXT_DIST_DIR defaults to .next-bench; the first run builds)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { findFreePort } from '../scripts/lib/ports.ts';
import { repoRoot } from '../scripts/lib/schema-engine.ts';
import { createRequire } from 'node:module';

// autocannon ships no types: the little of its API used here, typed.
interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: { url: string; connections: number; duration: number; timeout?: number }) => Promise<AutocannonResult>;

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const BIG_BYTES = Number(process.env.BENCH_BIG_BYTES ?? 1024 ** 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(url: string, app: ChildProcess, timeoutMs = 900_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  throw new Error('the app did not become healthy in time');
}

/** Reads a whole response body, discarding it; returns the bytes seen. */
async function drain(res: Response): Promise<number> {
  let n = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

async function timed(work: () => Promise<number>, expected: number): Promise<number> {
  const t = process.hrtime.bigint();
  const bytes = await work();
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (bytes !== expected) throw new Error(`downloaded ${bytes} bytes, expected ${expected}`);
  return seconds;
}

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'apx-bench-download-'));
  await fs.chmod(dataDir, 0o755);
  const [port, pgPort, s3Port] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const base = `http://localhost:${port}`;
  console.log(`starting the product on ${base} (data in ${dataDir}) …`);
  const app = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(repoRoot, 'scripts/start.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_S3_PORT: String(s3Port),
      SEED_DEMO: 'true',
      DEMO_PASSWORD: `Bench-${randomBytes(6).toString('hex')}-9`,
      WORKER: 'off',
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-bench',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  app.stdout!.on('data', (d) => (log += String(d)));
  app.stderr!.on('data', (d) => (log += String(d)));

  try {
    await waitForHealth(base, app);
    const files = (await (await fetch(`${base}/api/v1/appliances/demo-labs/alpine-minimal/versions/3.19/files`)).json()) as { items: { id: string; format: string }[] };
    const small = files.items.find((f) => f.format === 'QCOW2') ?? files.items[0];

    // ── 1. Many clients on the download endpoint ─────────────────────────────────────────
    const url = `${base}/api/v1/files/${small.id}/download`;
    const warm = await fetch(url, { redirect: 'manual' });
    if (warm.status !== 302) throw new Error(`the download endpoint answered ${warm.status}`);
    await autocannon({ url, connections: 20, duration: 3 }); // warm-up
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, timeout: 10 });
    const not302 = Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => code !== '302')
      .reduce((sum, [, s]) => sum + s.count, 0);
    const errors = result.errors + result.timeouts + not302;
    console.log(`download endpoint: ${CONNECTIONS} clients for ${DURATION_S} s → ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s`);
    console.log(`latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`errors: ${result.errors} socket errors, ${result.timeouts} timeouts, ${not302} answers other than 302`);
    console.log(`download_errors=${errors}`);
    console.log(`download_p99_ms=${result.latency.p99}`);

    // ── 2. A 1 GiB file: through the redirect versus straight from S3 ────────────────────
    const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { pgPassword: string; s3AccessKeyId: string; s3SecretAccessKey: string };
    const db = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${pgPort}/appliance_exchange` });
    await db.connect();
    const { rows } = await db.query(
      `SELECT v.id AS "versionId", v."applianceId" FROM "ApplianceVersion" v JOIN "Appliance" a ON a.id = v."applianceId" JOIN "Publisher" p ON p.id = a."publisherId"
       WHERE p.handle = 'demo-labs' AND a.slug = 'alpine-minimal' AND v.version = '3.19'`,
    );
    const fileId = randomUUID().replaceAll('-', '');
    const key = `bench/${fileId}/big.img`;
    console.log(`uploading a ${(BIG_BYTES / 1024 ** 3).toFixed(2)} GiB file to the object store …`);
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${s3Port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: secrets.s3AccessKeyId, secretAccessKey: secrets.s3SecretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const chunk = randomBytes(8 * 1024 ** 2);
    const body = Readable.from(
      (function* () {
        for (let sent = 0; sent < BIG_BYTES; sent += chunk.length) yield sent + chunk.length <= BIG_BYTES ? chunk : chunk.subarray(0, BIG_BYTES - sent);
      })(),
    );
    await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET ?? 'appliance-exchange', Key: key, Body: body, ContentLength: BIG_BYTES }));
    s3.destroy();
    await db.query(
      `INSERT INTO "ApplianceFile" (id, "versionId", format, architecture, provider, "fileName", "sizeBytes", "objectKey", sha256, status, "inspectedAt", "updatedAt")
       VALUES ($1, $2, 'RAW', 'I386', 'bench', 'big.img', $3, $4, $5, 'VERIFIED', now(), now())`,
      [fileId, rows[0].versionId, BIG_BYTES, key, randomBytes(32).toString('hex')],
    );
    await db.end();

    const bigUrl = `${base}/api/v1/files/${fileId}/download`;
    // Once untimed: the object store's first read of the file pays for the disk, not for either path.
    await drain(await fetch(bigUrl));
    const viaRedirect: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The presigned URL the endpoint hands out, fetched straight…
      const direct1 = async () => {
        const location = (await fetch(bigUrl, { redirect: 'manual' })).headers.get('location')!;
        direct.push(await timed(async () => drain(await fetch(location)), BIG_BYTES));
      };
      // …and the whole path a user takes: the endpoint, its redirect, the bytes.
      const redirect1 = async () => viaRedirect.push(await timed(async () => drain(await fetch(bigUrl, { redirect: 'follow' })), BIG_BYTES));
      // Alternating which goes first, so neither always meets a warmer (or busier) machine.
      if (round % 2 === 0) {
        await direct1();
        await redirect1();
      } else {
        await redirect1();
        await direct1();
      }
    }
    // Interleaved rounds share the machine's ups and downs; the medians leave out the odd round
    // where the disk or the object store hiccuped (one extra request is milliseconds in seconds).
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const mbps = (seconds: number) => (BIG_BYTES / 1024 ** 2 / seconds).toFixed(0);
    console.log(`1 GiB direct:   ${direct.map((s) => s.toFixed(2)).join(' / ')} s (median ${median(direct).toFixed(2)} s, ${mbps(median(direct))} MiB/s)`);
    console.log(`1 GiB redirect: ${viaRedirect.map((s) => s.toFixed(2)).join(' / ')} s (median ${median(viaRedirect).toFixed(2)} s, ${mbps(median(viaRedirect))} MiB/s)`);
    console.log(`download_ratio=${(median(direct) / median(viaRedirect)).toFixed(3)}`);
  } catch (e) {
    console.error(log.split('\n').slice(-30).join('\n'));
    throw e;
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
