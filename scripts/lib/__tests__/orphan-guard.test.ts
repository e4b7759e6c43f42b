// Ctrl-C reaches every process in the terminal's group at once: the embedded PostgreSQL must not
// stop before the processes that still need it. And a supervisor killed outright must not leave
// its children running as orphans.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const dirs: string[] = [];
const started: ChildProcess[] = [];

afterEach(() => {
  for (const c of started) if (c.pid) try { process.kill(-c.pid, 'SIGKILL'); } catch { /* gone */ }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, timeoutMs: number, message: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startSupervisor() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-guard-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  // Its own process group, as a shell gives a foreground job.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/lib/__tests__/fixtures/supervisor.ts'), dir], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await until(() => out.includes('child ready') && out.includes('childPid'), 60_000, () => `the supervisor did not start:\n${out}`);
  const info = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as { childPid: number };
  const pgPid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { child, dir, output: () => out, exited, childPid: info.childPid, pgPid };
}

describe('the shutdown order and orphans', () => {
  it('Ctrl-C (SIGINT to the whole group): the child stops with the database still up, then the database stops', async () => {
    const s = await startSupervisor();
    process.kill(-s.child.pid!, 'SIGINT');
    expect(await s.exited, s.output()).toBe(0);
    expect(s.output()).toContain('child stopped with the database up');
    expect(s.output()).toContain('supervisor stopped');
    expect(alive(s.pgPid)).toBe(false);
  }, 90_000);

  it('kill -9 of the supervisor: its child and PostgreSQL do not run on', async () => {
    const s = await startSupervisor();
    expect(alive(s.childPid) && alive(s.pgPid)).toBe(true);
    s.child.kill('SIGKILL');
    await s.exited;
    await until(() => !alive(s.childPid) && !alive(s.pgPid), 30_000, () => `still running: child ${alive(s.childPid)}, postgres ${alive(s.pgPid)}\n${s.output()}`);
    // The child was stopped first, with the database still there for it.
    expect(s.output()).toContain('child stopped with the database up');
  }, 90_000);
});
