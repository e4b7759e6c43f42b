// `npm start`: the whole product in one command. Starts the embedded PostgreSQL and S3 unless
// DATABASE_URL / S3_ENDPOINT are set, applies migrations, seeds the demo on first start, builds
// the app when the build is missing or stale, then runs the web server and the background worker.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConfigError, parseEnv, publicUrl, redactSecrets, type Env } from '../lib/config/env.ts';
import { buildIsCurrent } from './lib/build-fingerprint.ts';
import { orphanGuard } from './lib/orphan-guard.ts';
import { buildApp, hasBuild, missingBuildMessage } from './lib/production-build.ts';
import { isPortFree } from './lib/ports.ts';
import { migrateDeploy, repoRoot } from './lib/schema-engine.ts';
import { startServices, type RunningServices } from './lib/services.ts';

const log = (m: string) => console.log(`[start] ${m}`);

function fail(message: string, code = 1): never {
  console.error(`\n✖ ${redactSecrets(message)}\n`);
  process.exit(code);
}

/** A child gets this long to drain (serve.ts: SHUTDOWN_DELAY_MS, then in-flight requests) before SIGKILL. */
function childStopTimeoutMs(env: Env): number {
  return env.SHUTDOWN_DELAY_MS + env.SHUTDOWN_TIMEOUT_MS + 2000;
}

async function ensureBuild(env: NodeJS.ProcessEnv) {
  if (await buildIsCurrent(repoRoot)) {
    log('Using the existing production build.');
    return;
  }
  await buildApp({ root: repoRoot, env, log });
}

async function main() {
  let env: Env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
    fail('AUTH_SECRET is required when NODE_ENV=production (generate one with `openssl rand -base64 32`).');
  }
  // Production nodes run the build they were given (`npm run build`), never one of their own.
  const production = env.NODE_ENV === 'production';
  if (production && !hasBuild(repoRoot)) fail(missingBuildMessage());
  if (!(await isPortFree(env.PORT))) {
    fail(`PORT ${env.PORT} is already in use by another program. Stop it or set PORT to a free port, e.g. PORT=3100 npm start.`);
  }

  let services: RunningServices;
  try {
    services = await startServices({ log });
  } catch (e) {
    fail((e as Error).message);
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  // The order matters: the app and the worker first (the worker hands its jobs back, which needs the
  // database), then the database and the object store. Should this process die without running
  // this (kill -9), the orphan guard stops the children in the same order.
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => {
              c.kill('SIGKILL');
              resolve();
            }, childStopTimeoutMs(env)).unref();
          }),
      ),
    );
    await services.stop();
    log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const applied = await migrateDeploy(services.databaseUrl);
    log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');

    Object.assign(process.env, services.childEnv);
    const { seedIfEmpty } = await import('../lib/server/seed/seed-demo.ts');
    const seeded = await seedIfEmpty({ embedded: services.embeddedDatabase, log });

    const childEnv = { ...process.env, ...services.childEnv, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' };
    if (production) {
      if (!(await buildIsCurrent(repoRoot))) log('Warning: the production build was made from other sources than these; run `npm run build` and restart.');
    } else await ensureBuild(childEnv);

    const worker = env.WORKER === 'on';
    if (worker) {
      const w = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(repoRoot, 'scripts/worker.ts')], {
        cwd: repoRoot,
        env: childEnv,
        // The IPC channel closes when this process dies: the worker then stops on its own.
        stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      });
      children.push(w);
      orphanGuard.watch(w.pid);
      w.on('exit', (code, signal) => {
        if (!stopping) {
          console.error(`[start] The worker stopped unexpectedly (${signal ?? code}).`);
          void shutdown(1);
        }
      });
    }

    const app = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/serve.ts')], {
      cwd: repoRoot,
      env: childEnv,
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    children.push(app);
    orphanGuard.watch(app.pid);
    app.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`[start] The web server stopped (${signal ?? code}).`);
        void shutdown(code === 3 ? 3 : 1);
      }
    });
    const listening = await new Promise<{ url: string }>((resolve) =>
      app.on('message', (m: { type?: string; url?: string }) => m?.type === 'listening' && resolve({ url: m.url ?? `http://localhost:${env.PORT}` })),
    );

    const url = publicUrl(env);
    console.log('');
    console.log(`  Appliance Exchange is running at ${url}`);
    // Behind a load balancer PUBLIC_URL names the site, not this node: say where this node is.
    if (listening.url !== url) console.log(`  This node serves ${listening.url}`);
    console.log(`  PostgreSQL: ${services.embeddedDatabase ? `embedded (${path.join(services.dataDir, 'postgres')})` : 'DATABASE_URL'}`);
    console.log(`  Object store: ${services.embeddedS3 ? `embedded S3 (${path.join(services.dataDir, 'objects')})` : services.childEnv.S3_ENDPOINT}`);
    console.log(`  Background worker: ${worker ? 'running' : 'off (WORKER=off); run `npm run worker` elsewhere'}`);
    if (seeded?.accounts.length) {
      console.log('\n  Demo accounts (passwords are shown only this once):');
      for (const a of seeded.accounts) console.log(`    ${a.role.padEnd(9)} ${a.email.padEnd(28)} ${a.password}`);
    }
    console.log('\n  Press Ctrl-C to stop.\n');
    process.send?.({ type: 'ready', url });
  } catch (e) {
    console.error(`\n✖ ${redactSecrets((e as Error).message)}\n`);
    await shutdown(1);
  }
}

void main();
