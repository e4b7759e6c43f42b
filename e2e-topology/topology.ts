// The real topology on one machine, as README's "scaling out" recipe builds it: an external
// PostgreSQL (Debian's postgresql, a throw-away cluster made with initdb — not the embedded one),
// one S3-compatible server, `npm run db:deploy` (twice at once, as several nodes would), one
// production build, two app nodes started as `NODE_ENV=production WORKER=off npm start`, one
// `npm run worker`, and a round-robin load balancer in front.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIsCurrent } from '../scripts/lib/build-fingerprint.ts';
import { startEmbeddedS3, type EmbeddedS3Handle } from '../scripts/lib/embedded-s3.ts';
import { startProxy, type Backend, type RoundRobinProxy } from './round-robin-proxy.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..');
/** Debian's PostgreSQL binaries (postgresql-15 on bookworm; the newest installed version wins). */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = (() => {
    try {
      return readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
    } catch {
      return [];
    }
  })().sort((a, b) => Number(b) - Number(a));
  return `/usr/lib/postgresql/${versions[0] ?? '15'}/bin`;
}
const PG_BIN = pgBin();

export interface Node {
  name: string;
  port: number;
  metricsPort: number;
  url: string;
  process: ChildProcess;
  output: string[];
}

export interface Topology {
  proxy: RoundRobinProxy;
  nodes: Node[];
  worker: { process: ChildProcess; healthPort: number; output: string[] };
  admin: { email: string; password: string };
  env: Record<string, string>;
  /** MAIL_OUTBOX_DIR of every node: the mail they sent, one JSON file each. */
  outbox: string;
  metricsToken: string;
  startNode(name: string): Promise<Node>;
  stopNode(node: Node): Promise<number | null>;
  stop(): Promise<void>;
}

function log(m: string) {
  console.log(`[topology] ${m}`);
}

/** Runs a command to completion; throws with its output when it fails. */
function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? repoRoot, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out.slice(-4000)}`))));
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess, output?: string[]) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode}:\n${(output ?? []).join('').slice(-4000)}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms (last answer: ${lastAnswer})\n${(output ?? []).join('').slice(-4000)}`);
}

let lastAnswer = '';
const answers200 = (url: string) => async () => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    lastAnswer = `${url}: ${res.status} ${await res.text()}`;
    return res.status === 200;
  } catch (e) {
    lastAnswer = `${url}: ${(e as Error).message}`;
    return false;
  }
};

/** A throw-away PostgreSQL 15 cluster; as root, it runs as the `postgres` user (initdb refuses root). */
async function startPostgres(port: number, password: string) {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) throw new Error(`No PostgreSQL at ${PG_BIN}: install Debian's postgresql package (.ci/run does).`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-topology-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    if (!Number.isInteger(uid) || uid <= 0) throw new Error('Running as root needs a `postgres` user to run PostgreSQL as (the postgresql package creates it).');
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const data = path.join(dir, 'data');
  await as(path.join(PG_BIN, 'initdb'), ['-D', data, '-U', 'apx', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  await as(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    url: `postgresql://apx:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await as(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startTopology(basePort = Number(process.env.TOPOLOGY_PORT ?? 4000)): Promise<Topology> {
  const ports = { proxy: basePort, a: basePort + 1, b: basePort + 2, pg: basePort + 3, s3: basePort + 4, worker: basePort + 5, metricsA: basePort + 6, metricsB: basePort + 7 };
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => log(`clean-up: ${(e as Error).message}`));
  };
  try {
    const pg = await startPostgres(ports.pg, randomBytes(12).toString('hex'));
    cleanups.push(pg.stop);
    log(`PostgreSQL 15 (Debian) on 127.0.0.1:${ports.pg}`);

    const s3Dir = mkdtempSync(path.join(os.tmpdir(), 'apx-topology-s3-'));
    const s3Keys = { accessKeyId: `TOPO${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(18).toString('base64url') };
    const s3: EmbeddedS3Handle = await startEmbeddedS3({ dir: s3Dir, port: ports.s3, bucket: 'topology', ...s3Keys });
    cleanups.push(async () => {
      await s3.stop();
      rmSync(s3Dir, { recursive: true, force: true });
    });
    log(`S3 (s3rver) on ${s3.endpoint}`);

    // Every node writes the mail it sends (sign-up confirmations) into one folder the test reads.
    const outbox = mkdtempSync(path.join(os.tmpdir(), 'apx-topology-outbox-'));
    cleanups.push(async () => rmSync(outbox, { recursive: true, force: true }));

    const proxyUrl = `http://localhost:${ports.proxy}`;
    const metricsToken = randomBytes(16).toString('hex');
    // README: the variables every node (and the build) must share.
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      S3_ENDPOINT: s3.endpoint,
      S3_PUBLIC_ENDPOINT: `http://localhost:${ports.s3}`,
      S3_BUCKET: 'topology',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: s3Keys.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3Keys.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      AUTH_SECRET: randomBytes(32).toString('base64'),
      PUBLIC_URL: proxyUrl,
      TRUST_PROXY: 'true',
      METRICS_TOKEN: metricsToken,
      // Every browser of the test signs in from 127.0.0.1.
      AUTH_SIGNIN_MAX_PER_MINUTE: '10000',
      NEXT_TELEMETRY_DISABLED: '1',
      MAIL_OUTBOX_DIR: outbox,
    };
    const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
      const base: NodeJS.ProcessEnv = { ...process.env, ...env, ...extra };
      // The e2e harness's own settings must not leak into the nodes.
      for (const k of ['PORT', 'DATA_DIR', 'EMBEDDED_PG_PORT', 'EMBEDDED_S3_PORT', 'SEED_DEMO', 'DEMO_PASSWORD']) if (!(k in extra)) delete base[k];
      return base;
    };

    // Migrations as their own step, run from two "nodes" at once.
    const migrations = await Promise.all([run('npm', ['run', '-s', 'db:deploy'], { env: childEnv({}) }), run('npm', ['run', '-s', 'db:deploy'], { env: childEnv({}) })]);
    log(`db:deploy twice at once: ${migrations.map((m) => m.trim().split('\n').pop()).join(' | ')}`);

    if (!(await buildIsCurrent(repoRoot))) {
      log('No current production build: npm run build (once, for every node)…');
      await run('npm', ['run', '-s', 'build'], { env: { ...childEnv({}) } });
    } else log('Using the current production build for every node.');

    const adminEmail = `admin-${randomBytes(3).toString('hex')}@topology.test`;
    const created = await run('npm', ['run', '-s', 'admin:create', '--', adminEmail, 'Topology Admin'], { env: childEnv({}) });
    const password = /with password (\S+)/.exec(created)?.[1];
    if (!password) throw new Error(`admin:create printed no password:\n${created}`);

    const nodes: Node[] = [];
    const nodePorts: Record<string, { port: number; metricsPort: number }> = { a: { port: ports.a, metricsPort: ports.metricsA }, b: { port: ports.b, metricsPort: ports.metricsB } };
    const startNode = async (name: string): Promise<Node> => {
      const { port, metricsPort } = nodePorts[name]!;
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `apx-topology-node-${name}-`));
      const output: string[] = [];
      // Exactly the README's command for an app node.
      const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
        cwd: repoRoot,
        env: childEnv({ PORT: String(port), WORKER: 'off', DATA_DIR: dataDir, METRICS_PORT: String(metricsPort), SHUTDOWN_DELAY_MS: '1000' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      child.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
      const node: Node = { name, port, metricsPort, url: `http://localhost:${port}`, process: child, output };
      await waitFor(`node ${name}`, answers200(`${node.url}/api/health/ready`), 120_000, child, output);
      const i = nodes.findIndex((n) => n.name === name);
      if (i >= 0) nodes[i] = node;
      else nodes.push(node);
      log(`node ${name} ready on ${node.url}`);
      return node;
    };
    const stopNode = (node: Node) =>
      new Promise<number | null>((resolve) => {
        if (node.process.exitCode !== null) return resolve(node.process.exitCode);
        node.process.once('exit', (code) => resolve(code));
        node.process.kill('SIGTERM');
      });
    cleanups.push(async () => {
      await Promise.all(nodes.map(stopNode));
    });
    await Promise.all([startNode('a'), startNode('b')]);

    const workerOutput: string[] = [];
    const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
      cwd: repoRoot,
      env: childEnv({ WORKER_HEALTH_PORT: String(ports.worker) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d: Buffer) => workerOutput.push(d.toString()));
    worker.stderr!.on('data', (d: Buffer) => workerOutput.push(d.toString()));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (worker.exitCode !== null) return resolve();
          worker.once('exit', () => resolve());
          worker.kill('SIGTERM');
        }),
    );
    await waitFor('worker', answers200(`http://127.0.0.1:${ports.worker}/ready`), 60_000, worker, workerOutput);
    log('worker ready');

    const backends: Backend[] = nodes.map((n) => ({ name: n.name, port: n.port, ready: false }));
    const proxy = await startProxy(backends, { port: ports.proxy });
    cleanups.push(proxy.close);
    log(`load balancer on ${proxy.url}`);

    return {
      proxy,
      nodes,
      worker: { process: worker, healthPort: ports.worker, output: workerOutput },
      admin: { email: adminEmail, password },
      env,
      outbox,
      metricsToken,
      startNode,
      stopNode,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
