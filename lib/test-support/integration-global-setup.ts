// Vitest global setup for integration tests: a real PostgreSQL and a real S3-compatible server,
// fresh for every run (a throw-away cluster and bucket in a temp dir; never the dev data in
// ./.data). TEST_DATABASE_URL / TEST_S3_* point the run at external servers instead.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.ts';
import { startEmbeddedS3 } from '../../scripts/lib/embedded-s3.ts';
import { findFreePort } from '../../scripts/lib/ports.ts';
import { migrateDeploy } from '../../scripts/lib/schema-engine.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    integrationEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apx-test-'));
  // The embedded PostgreSQL runs as its own system user when we are root: let it reach its folder.
  await fs.chmod(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  const runId = randomBytes(4).toString('hex');

  let databaseUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    const name = `apx_test_${runId}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(process.env.TEST_DATABASE_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    stops.push(async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });
  } else {
    const handle = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'postgres'),
      port: await findFreePort(),
      password: randomBytes(12).toString('hex'),
      database: 'apx_test',
    });
    stops.push(handle.stop);
    databaseUrl = handle.url;
  }

  const bucket = `apx-test-${runId}`;
  let s3: Record<string, string>;
  if (process.env.TEST_S3_ENDPOINT) {
    s3 = {
      S3_ENDPOINT: process.env.TEST_S3_ENDPOINT,
      S3_ACCESS_KEY_ID: process.env.TEST_S3_ACCESS_KEY_ID ?? '',
      S3_SECRET_ACCESS_KEY: process.env.TEST_S3_SECRET_ACCESS_KEY ?? '',
      S3_BUCKET: process.env.TEST_S3_BUCKET ?? bucket,
    };
  } else {
    const keyId = `TEST${randomBytes(6).toString('hex').toUpperCase()}`;
    const secret = randomBytes(16).toString('hex');
    const handle = await startEmbeddedS3({ dir: path.join(dir, 'objects'), port: await findFreePort(), bucket, accessKeyId: keyId, secretAccessKey: secret, host: '127.0.0.1' });
    stops.push(handle.stop);
    s3 = { S3_ENDPOINT: handle.endpoint, S3_ACCESS_KEY_ID: keyId, S3_SECRET_ACCESS_KEY: secret, S3_BUCKET: bucket };
  }

  await migrateDeploy(databaseUrl);

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    ...s3,
    S3_PUBLIC_ENDPOINT: s3.S3_ENDPOINT,
    S3_REGION: 'us-east-1',
    S3_FORCE_PATH_STYLE: 'true',
    AUTH_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: dir,
    PUBLIC_URL: 'http://localhost:3999',
    PORT: '3999',
  };
  project.provide('integrationEnv', env);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  };
}
