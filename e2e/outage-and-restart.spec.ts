// The product as `npm start` runs it, on an instance of its own (its own data, ports and
// PostgreSQL), so nothing here disturbs the other specs: a hung database is answered with 503s
// and a page that says so, and recovered from without a restart; kill -9 of the supervisor leaves
// no orphans; Ctrl-C stops everything cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

test.describe.configure({ mode: 'serial' });

const base = Number(process.env.E2E_PORT ?? 3100) + 20;
const url = `http://localhost:${base}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'apx-e2e-outage-'));
chmodSync(dataDir, 0o755);

interface Instance {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const postgresPids = () => {
  const master = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return [master, ...childrenOf(master)];
};

async function until(check: () => boolean, timeoutMs: number, message: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startInstance(): Promise<Instance> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
    // A process group of its own, as a shell gives a foreground job (Ctrl-C goes to all of it).
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(base),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(base + 1),
      EMBEDDED_S3_PORT: String(base + 2),
      PUBLIC_URL: url,
      SEED_DEMO: 'false',
      WORKER: 'on',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_QUERY_TIMEOUT_MS: '3000',
    },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await until(() => out.includes('is running at'), 300_000, () => `npm start did not come up:\n${out}`);
  return { child, output: () => out, exited };
}

test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('a hung database: the API answers 503 naming it, pages say so, and both recover without a restart', async ({ page, request }) => {
  test.setTimeout(400_000);
  const app = await startInstance();
  try {
    expect((await request.get(`${url}/api/v1/appliances`)).status()).toBe(200);
    const stopped = postgresPids();
    for (const pid of stopped) process.kill(pid, 'SIGSTOP'); // accepts nothing, answers nothing
    try {
      const res = await request.get(`${url}/api/v1/appliances`, { timeout: 30_000 });
      expect(res.status()).toBe(503);
      expect(res.headers()['content-type']).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 503, unavailable: 'database' });
      const health = await request.get(`${url}/api/health`, { timeout: 30_000 });
      expect(health.status()).toBe(503);
      expect(await health.json()).toMatchObject({ database: { ok: false }, objectStore: { ok: true } });

      await page.goto(`${url}/browse`, { timeout: 60_000 });
      await expect(page.getByText('The database is unavailable, try again in a minute.')).toBeVisible({ timeout: 30_000 });
    } finally {
      for (const pid of stopped) process.kill(pid, 'SIGCONT');
    }
    await expect.poll(async () => (await request.get(`${url}/api/v1/appliances`)).status(), { timeout: 30_000 }).toBe(200);
    await page.goto(`${url}/browse`);
    await expect(page.getByText('unavailable')).toHaveCount(0);
  } finally {
    // kill -9 of the supervisor alone: the app, the worker and PostgreSQL must not run on.
    const children = childrenOf(app.child.pid!);
    const pg = postgresPids();
    expect(children.length).toBeGreaterThanOrEqual(3);
    app.child.kill('SIGKILL');
    await app.exited;
    await until(() => ![...children, ...pg].some(alive), 40_000, () => `left running: ${[...children, ...pg].filter(alive).join(', ')}`);
  }
});

test('Ctrl-C: everything stops, the database last, and the next start finds nothing stale', async () => {
  test.setTimeout(300_000);
  const app = await startInstance(); // also recovers from the kill -9 above
  const children = childrenOf(app.child.pid!);
  const pg = postgresPids();
  process.kill(-app.child.pid!, 'SIGINT');
  expect(await app.exited, app.output()).toBe(0);
  expect(app.output()).toContain('[start] Stopped.');
  // The worker stopped while the database was still there: no lost connection on its way out.
  expect(app.output()).not.toMatch(/\[jobs\].*(terminat|ECONNREFUSED|shutting down)/i);
  await until(() => ![...children, ...pg].some(alive), 20_000, () => `left running: ${[...children, ...pg].filter(alive).join(', ')}`);
});
