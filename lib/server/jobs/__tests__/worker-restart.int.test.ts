// A restart must never strand an inspection: a real worker process (scripts/worker.ts) inspects a
// sizeable file read through a slowed-down link to S3, is stopped mid-read (SIGTERM) or killed
// (SIGKILL), and a worker started afterwards ends the file VERIFIED with nobody's help. The test
// has a database of its own, so no other test's jobs reach these workers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRawDisk } from '@/lib/core/appliance-kit';
import { startFaultProxy, type FaultProxy } from '@/lib/test-support/fault-proxy';
import { migrateDeploy } from '../../../../scripts/lib/schema-engine';

const root = path.resolve(__dirname, '../../../..');
const MIB = 1024 * 1024;
const sharedUrl = process.env.DATABASE_URL!;
const dbName = `apx_restart_${randomBytes(4).toString('hex')}`;
const ownUrl = (() => {
  const u = new URL(sharedUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

let proxy: FaultProxy;
let versionId: string;
let applianceId: string;
const bytes = makeRawDisk({ message: 'restart probe', sizeBytes: 48 * MIB });
const sha256 = createHash('sha256').update(bytes).digest('hex');
const workers = new Set<ChildProcess>();

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(sharedUrl);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// lib/ reads DATABASE_URL when it first connects: from here on, this file's own database.
beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
  await migrateDeploy(ownUrl);
  process.env.DATABASE_URL = ownUrl;
  const s3 = new URL(process.env.S3_ENDPOINT!);
  proxy = await startFaultProxy({ host: s3.hostname, port: Number(s3.port) });
  const { createTestAppliance, createTestPublisher, createTestVersion } = await import('@/lib/test-support/factories');
  const { publisher } = await createTestPublisher();
  const appliance = await createTestAppliance(publisher.id);
  applianceId = appliance.id;
  versionId = (await createTestVersion(appliance.id, '1.0')).id;
}, 180_000);

afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  const { db } = await import('@/lib/server/db');
  await db.$disconnect();
  const { getBoss } = await import('@/lib/server/queue/boss');
  await (await getBoss()).stop({ graceful: false }).catch(() => {});
  await proxy?.close();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
});

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startWorker(): Promise<Worker> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(root, 'scripts/worker.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: ownUrl, S3_ENDPOINT: proxy.url, JOB_HEARTBEAT_SECONDS: '10', JOB_EXPIRE_SECONDS: '120', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      workers.delete(child);
      resolve({ code, signal });
    }),
  );
  await until(() => out.includes('[worker] ready'), 60_000, () => `the worker did not start:\n${out}`);
  return { child, output: () => out, exited };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, message: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A file as a finished upload leaves it: the object in S3, the row PENDING, the job queued. */
async function uploadedFile(provider: string) {
  const { db } = await import('@/lib/server/db');
  const { putObject } = await import('@/lib/server/storage/s3');
  const { fileObjectKey } = await import('@/lib/core/files/object-key');
  const { requestInspection } = await import('@/lib/server/uploads/complete-upload');
  const fileId = randomBytes(8).toString('hex');
  const objectKey = fileObjectKey({ applianceId, versionId, fileId, fileName: 'disk.img' });
  await putObject(objectKey, bytes, 'application/octet-stream');
  await db.applianceFile.create({
    data: { id: fileId, versionId, format: 'RAW', architecture: 'AMD64', provider, fileName: 'disk.img', sizeBytes: BigInt(bytes.length), objectKey, clientSha256: sha256, status: 'PENDING' },
  });
  await requestInspection(fileId);
  return fileId;
}

async function fileRow(fileId: string) {
  const { db } = await import('@/lib/server/db');
  return db.applianceFile.findUniqueOrThrow({ where: { id: fileId }, select: { status: true, sha256: true, rejectReason: true } });
}

/** Waits until the worker is reading the file, a few MiB in. */
async function midInspection(fileId: string) {
  const before = proxy.transferred;
  await until(async () => (await fileRow(fileId)).status === 'INSPECTING' && proxy.transferred - before > 4 * MIB, 60_000, () => 'the inspection did not start');
}

describe('an inspection interrupted by a restart', () => {
  it('SIGTERM: the stopping worker hands its job back, and the next worker verifies the file', async () => {
    proxy.setRate(3 * MIB); // 48 MiB take about 16 s: long enough to be stopped in the middle
    const fileId = await uploadedFile('sigterm');
    const first = await startWorker();
    await midInspection(fileId);
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit.code, first.output()).toBe(0);
    expect(first.output()).toContain('handed back on shutdown');
    // Not rejected (a cut read is not the file's fault), not left INSPECTING.
    expect(await fileRow(fileId)).toMatchObject({ status: 'PENDING', rejectReason: null });

    proxy.setRate(Infinity);
    const second = await startWorker();
    await until(async () => (await fileRow(fileId)).status === 'VERIFIED', 60_000, () => `not verified: ${second.output()}`);
    expect((await fileRow(fileId)).sha256).toBe(sha256);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 180_000);

  it('SIGKILL: the dead worker stops heartbeating, its job is retried, and the next worker verifies the file', async () => {
    proxy.setRate(3 * MIB);
    const fileId = await uploadedFile('sigkill');
    const first = await startWorker();
    await midInspection(fileId);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect((await fileRow(fileId)).status).toBe('INSPECTING');

    proxy.setRate(Infinity);
    const second = await startWorker();
    // Heartbeat 10 s, monitor every 10 s, retry after 10 s: well within two minutes.
    await until(async () => (await fileRow(fileId)).status === 'VERIFIED', 120_000, () => `not verified: ${second.output()}`);
    expect((await fileRow(fileId)).sha256).toBe(sha256);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 240_000);
});
