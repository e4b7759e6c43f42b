import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function start(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: path.join(os.tmpdir(), 'apx-never-used'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, out: `${run.stdout}\n${run.stderr}` };
}

describe('npm start with a bad DATABASE_URL', () => {
  it('stops before starting anything, names the bad port, and never prints the password', () => {
    const { code, out } = start({ DATABASE_URL: 'postgresql://apx:Hunter2-Very-Secret@db.internal:99999/apx' });
    expect(code).toBe(1);
    expect(out).toContain('DATABASE_URL');
    expect(out).toContain('bad port "99999"');
    expect(out).not.toContain('Hunter2-Very-Secret');
    expect(out).not.toMatch(/Hunter2/);
  });
});
