// The database and the object store, each down (every connection reset) and hung (accepts, never
// answers), behind a fault proxy: the API answers 503 with a problem document naming the part,
// within the configured timeouts, leaves no half-made upload holding a slot, and recovers by
// itself once the part is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '@/lib/test-support/fault-proxy';

let dbProxy: FaultProxy;
let s3Proxy: FaultProxy;

beforeAll(async () => {
  const pgUrl = new URL(process.env.DATABASE_URL!);
  const s3Url = new URL(process.env.S3_ENDPOINT!);
  dbProxy = await startFaultProxy({ host: pgUrl.hostname, port: Number(pgUrl.port) });
  s3Proxy = await startFaultProxy({ host: s3Url.hostname, port: Number(s3Url.port) });
  // Read when lib/ first connects (the clients are created lazily): from here on, through the proxies.
  pgUrl.port = String(dbProxy.port);
  Object.assign(process.env, {
    DATABASE_URL: pgUrl.toString(),
    S3_ENDPOINT: s3Proxy.url,
    DATABASE_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_QUERY_TIMEOUT_MS: '2000',
    S3_CONNECT_TIMEOUT_MS: '1000',
    S3_REQUEST_TIMEOUT_MS: '1500',
  });
});

afterAll(async () => {
  dbProxy.setMode('pass');
  const { db } = await import('@/lib/server/db');
  await db.$disconnect();
  await dbProxy.close();
  await s3Proxy.close();
});

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - start };
}

describe('a dependency that is down or hung', () => {
  it('the database: 503 naming it, for down and for hung, then 200 again without a restart', async () => {
    const { call } = await import('@/lib/server/publishing/__tests__/api-helpers');
    const catalog = await import('@/app/api/v1/appliances/route');
    const health = await import('@/app/api/health/route');
    const list = () => call(catalog.GET, { path: '/api/v1/appliances' });
    expect((await list()).status).toBe(200);

    for (const mode of ['down', 'hang'] as const) {
      dbProxy.setMode(mode);
      const { value: res, ms } = await timed(list);
      expect(res.status, `${mode}: ${res.text}`).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('retry-after')).toBe('30');
      expect(res.json).toMatchObject({ status: 503, code: 'UNAVAILABLE', unavailable: 'database' });
      expect(res.json.detail).toMatch(/database is unavailable/i);
      expect(ms, `${mode} took ${ms} ms`).toBeLessThan(10_000);

      const h = await health.GET();
      expect(h.status).toBe(503);
      const body = await h.json();
      expect(body).toMatchObject({ database: { ok: false }, objectStore: { ok: true } });
    }

    dbProxy.setMode('pass');
    expect((await list()).status).toBe(200);
    expect((await health.GET()).status).toBe(200);
  }, 60_000);

  it('the object store: 503 naming it, no upload left holding the slot, and the same upload works once it is back', async () => {
    const { call, publisherWithVersion } = await import('@/lib/server/publishing/__tests__/api-helpers');
    const uploads = await import('@/app/api/v1/uploads/route');
    const { db } = await import('@/lib/server/db');
    const a = await publisherWithVersion();
    const body = { versionId: a.version.id, format: 'RAW', architecture: 'AMD64', fileName: 'disk.img', size: 1000 };
    const start = () => call(uploads.POST, { method: 'POST', token: a.token, body });

    for (const mode of ['down', 'hang'] as const) {
      s3Proxy.setMode(mode);
      const { value: res, ms } = await timed(start);
      expect(res.status, `${mode}: ${res.text}`).toBe(503);
      expect(res.json).toMatchObject({ status: 503, code: 'UNAVAILABLE', unavailable: 'objectStore' });
      expect(res.json.detail).toMatch(/object store is unavailable/i);
      expect(ms, `${mode} took ${ms} ms`).toBeLessThan(10_000);
      expect(await db.applianceFile.count({ where: { versionId: a.version.id } })).toBe(0);
    }

    s3Proxy.setMode('pass');
    const res = await start();
    expect(res.status, res.text).toBe(201);
  }, 60_000);

  it('a row whose S3 upload is gone (a request cut between the two) does not hold the slot', async () => {
    const { call, publisherWithVersion } = await import('@/lib/server/publishing/__tests__/api-helpers');
    const uploads = await import('@/app/api/v1/uploads/route');
    const { db } = await import('@/lib/server/db');
    const a = await publisherWithVersion();
    const ghost = await db.applianceFile.create({
      data: { versionId: a.version.id, format: 'ISO', architecture: 'AMD64', provider: '', fileName: 'ghost.iso', sizeBytes: 1000n, objectKey: `appliances/${a.appliance.id}/${a.version.id}/ghost/ghost.iso`, status: 'UPLOADING' },
    });
    await db.upload.create({ data: { fileId: ghost.id, userId: a.owner.id, s3UploadId: 'no-such-upload', objectKey: ghost.objectKey, sizeBytes: 1000n } });
    const res = await call(uploads.POST, { method: 'POST', token: a.token, body: { versionId: a.version.id, format: 'ISO', architecture: 'AMD64', fileName: 'real.iso', size: 1000 } });
    expect(res.status, res.text).toBe(201);
    expect(await db.applianceFile.findUnique({ where: { id: ghost.id } })).toBeNull();
  });
});
