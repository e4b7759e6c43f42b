import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDrift, migrateDeploy, migrateStatus } from '../schema-engine.ts';

const url = () => process.env.DATABASE_URL!;

function withDb(base: string, name: string) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('migrations through the WASM schema engine', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const name of scratch) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('leaves schema.prisma, prisma/migrations and the database in step', async () => {
    const drift = await checkDrift(url());
    expect(drift.migrationsVsSchema).toBe('');
    expect(drift.databaseVsSchema).toBe('');
    const status = await migrateStatus(url());
    expect(status.history).toBeNull();
    expect(status.failedMigrationNames).toEqual([]);
  });

  it('applies every migration to an empty database, then nothing more', async () => {
    const name = `scratch_${randomBytes(4).toString('hex')}`;
    scratch.push(name);
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const applied = await migrateDeploy(withDb(url(), name));
    expect(applied.length).toBeGreaterThan(0);
    expect(await migrateDeploy(withDb(url(), name))).toEqual([]);
    // Bookkeeping is Prisma's own: `prisma migrate deploy` would read the same table.
    const pool = new pg.Pool({ connectionString: withDb(url(), name) });
    const rows = await pool.query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations');
    await pool.end();
    expect(rows.rows.map((r) => r.migration_name).sort()).toEqual([...applied].sort());
    expect(rows.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at)).toBe(true);
  });

  it('detects a database that drifted from schema.prisma', async () => {
    const name = `drift_${randomBytes(4).toString('hex')}`;
    scratch.push(name);
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const target = withDb(url(), name);
    await migrateDeploy(target);
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    await c.query('ALTER TABLE "Publisher" ADD COLUMN "sneaky" text');
    await c.end();
    const drift = await checkDrift(target);
    expect(drift.migrationsVsSchema).toBe('');
    expect(drift.databaseVsSchema).toMatch(/sneaky/);
  });

  it('keeps the search trigger that Prisma does not model', async () => {
    const rows = await admin((c) =>
      c.query(`SELECT tgname FROM pg_trigger WHERE tgname = 'appliance_search_vector_update'`),
    );
    expect(rows.rowCount).toBe(1);
  });
});
