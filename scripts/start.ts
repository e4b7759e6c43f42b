// `npm start`: the whole product in one command. Starts the embedded PostgreSQL and S3 unless
// DATABASE_URL / S3_ENDPOINT are set, applies migrations, seeds the demo on first start, builds
// the app when the build is missing or stale, then runs the web server and the background worker.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConfigError, parseEnv, publicUrl, redactSecrets } from '../lib/config/env.ts';
import { buildFingerprint, buildIsCurrent, stampBuild } from './lib/build-fingerprint.ts';
import { isPortFree } from './lib/ports.ts';
import { migrateDeploy, repoRoot } from './lib/schema-engine.ts';
import { startServices, type RunningServices } from './lib/services.ts';

const log = (m: string) => console.log(`[start] ${m}`);

function fail(message: string, code = 1): never {
  console.error(`\n✖ ${redactSecrets(message)}\n`);
  process.exit(code);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? cmd)} exited with ${code}`))));
    child.on('error', reject);
  });
}

async function ensureBuild(env: NodeJS.ProcessEnv) {
  if (await buildIsCurrent(repoRoot)) {
    log('Using the existing production build.');
    return;
  }
  log('Building the app (first start or changed sources)…');
  const fingerprint = await buildFingerprint(repoRoot);
  await run(process.execPath, [path.join(repoRoot, 'node_modules/next/dist/bin/next'), 'build'], {
    ...env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  });
  await stampBuild(repoRoot, fingerprint);
}

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  if (process.env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
    fail('AUTH_SECRET is required when NODE_ENV=production (generate one with `openssl rand -base64 32`).');
  }
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
            }, 8000).unref();
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
    const { seedIfEmpty } = await import('../lib/seed/seed-demo.ts');
    const seeded = await seedIfEmpty({ embedded: services.embeddedDatabase, log });

    const childEnv = { ...process.env, ...services.childEnv, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' };
    await ensureBuild(childEnv);

    const worker = env.WORKER === 'on';
    if (worker) {
      const w = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(repoRoot, 'scripts/worker.ts')], {
        cwd: repoRoot,
        env: childEnv,
        stdio: 'inherit',
      });
      children.push(w);
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
    app.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`[start] The web server stopped (${signal ?? code}).`);
        void shutdown(code === 3 ? 3 : 1);
      }
    });
    await new Promise<void>((resolve) => app.on('message', (m: { type?: string }) => m?.type === 'listening' && resolve()));

    const url = publicUrl(env);
    console.log('');
    console.log(`  Appliance Exchange is running at ${url}`);
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
