import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPostgresCanReach, firstBlockedFolder, type Who } from '../data-dir-access';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const postgres: Who = { name: 'postgres', uid: 101, gids: [104] };
const dir = (mode: number, uid = 0, gid = 0) => ({ mode: 0o040000 | mode, uid, gid, isDirectory: () => true });

describe('firstBlockedFolder', () => {
  const tree: Record<string, ReturnType<typeof dir>> = {
    '/': dir(0o755),
    '/tmp': dir(0o1777),
    '/tmp/private': dir(0o700),
    '/tmp/private/data': dir(0o755),
    '/tmp/group': dir(0o750, 0, 104),
    '/tmp/mine': dir(0o700, 101),
  };
  const stat = (p: string) => tree[p] ?? null;

  it('names the private folder of root’s that the postgres user cannot enter', () => {
    expect(firstBlockedFolder('/tmp/private/data/postgres', postgres, stat)).toEqual({ dir: '/tmp/private', mode: 0o700, ownerUid: 0 });
  });

  it('lets the user through by its group, as the owner, and through folders that do not exist yet', () => {
    expect(firstBlockedFolder('/tmp/group/postgres', postgres, stat)).toBeNull();
    expect(firstBlockedFolder('/tmp/mine/postgres', postgres, stat)).toBeNull();
    expect(firstBlockedFolder('/tmp/new/deeper/postgres', postgres, stat)).toBeNull();
    expect(firstBlockedFolder('/tmp/private/data', { name: 'root', uid: 0, gids: [0] }, stat)).toBeNull();
  });
});

describe('a DATA_DIR the database cannot reach', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'apx-datadir-'));
    await chmod(base, 0o755);
  });
  afterAll(async () => {
    await chmod(path.join(base, 'closed'), 0o755).catch(() => {});
    await rm(base, { recursive: true, force: true });
  });

  it('a private temp folder (mode 0700, as mktemp -d makes it) is named with the fix when PostgreSQL runs as another user', async () => {
    const priv = await mkdtemp(path.join(base, 'private-'));
    expect(() => assertPostgresCanReach(path.join(priv, 'data', 'postgres'), postgres)).toThrow(
      new RegExp(`user "postgres".*may not enter ${priv} \\(mode 0700[\\s\\S]*DATA_DIR=[\\s\\S]*chmod o\\+x ${priv}`),
    );
  });

  it('npm start stops at once with that message, not initdb’s "Permission denied"', async () => {
    // Closed to everyone but root: blocks the postgres user when we are root, and ourselves otherwise.
    const closed = path.join(base, 'closed');
    await mkdir(path.join(closed, 'data'), { recursive: true });
    await chmod(closed, 0o000);
    const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: path.join(closed, 'data'), PORT: '3987' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(run.status, out).toBe(1);
    if (process.getuid?.() === 0) expect(out).toContain(`cannot reach its data folder ${path.join(closed, 'data', 'postgres')}`);
    else expect(out).toMatch(/DATA_DIR .* cannot be created or written/);
    expect(out).toContain(closed);
    expect(out).not.toMatch(/initdb: error/);
  });
});
