// Page weight for an anonymous first visit: the product as a user starts it (scripts/start.ts, own
// data dir and ports, the demo catalog), each page loaded in a fresh Chromium context, every
// script's bytes as transferred (gzip) summed, and what the page prefetches.
// Goals (kB = 1000 bytes): home ≤ 100, browse ≤ 120, appliance page ≤ 130; no /api/ prefetch.
// Run: npm run bench -- weight   (NEXT_DIST_DIR defaults to .next; a stale build is rebuilt)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findFreePort } from '../scripts/lib/ports.ts';
import { repoRoot } from '../scripts/lib/schema-engine.ts';
import { measurePage, type PageWeight } from '../scripts/lib/page-weight.ts';

const PAGES = [
  { name: 'home', path: '/', goalKB: 100 },
  { name: 'browse', path: '/browse', goalKB: 120 },
  { name: 'appliance', path: '/appliances/demo-labs/alpine-minimal', goalKB: 130 },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kB = (bytes: number) => bytes / 1000;

async function waitForHealth(url: string, app: ChildProcess, timeoutMs = 900_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode} before it was ready`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  throw new Error('the app did not become healthy in time');
}

/** Script paths of the build's root main files, as the browser requests them. */
async function rootMainFiles(): Promise<Set<string>> {
  const manifest = path.join(repoRoot, process.env.NEXT_DIST_DIR ?? '.next', 'build-manifest.json');
  const { rootMainFiles: files = [] } = JSON.parse(await fs.readFile(manifest, 'utf8')) as { rootMainFiles?: string[] };
  return new Set(files.map((f) => `/_next/${f}`));
}

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'apx-bench-weight-'));
  await fs.chmod(dataDir, 0o755);
  const [port, pgPort, s3Port] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const base = `http://localhost:${port}`;
  console.log(`starting the product on ${base} (data in ${dataDir}) …`);
  const app = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(repoRoot, 'scripts/start.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_S3_PORT: String(s3Port),
      SEED_DEMO: 'true',
      DEMO_PASSWORD: `Bench-${randomBytes(6).toString('hex')}-9`,
      WORKER: 'off',
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  app.stdout!.on('data', (d) => (log += String(d)));
  app.stderr!.on('data', (d) => (log += String(d)));

  const executablePath = existsSync(chromium.executablePath()) ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    await waitForHealth(base, app);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    // One warm-up visit, so the first measured page does not pay for the server's first render.
    await measurePage(browser, base, '/', { settleMs: 0 });

    const results: ((typeof PAGES)[number] & { w: PageWeight })[] = [];
    for (const p of PAGES) {
      const w = await measurePage(browser, base, p.path);
      results.push({ ...p, w });
      const uncompressed = w.scripts.filter((s) => s.encoding === 'identity').length;
      console.log(`\n${p.name} ${p.path}`);
      console.log(`  JS ${kB(w.jsBytes).toFixed(1)} kB as transferred in ${w.scripts.length} scripts (goal ≤ ${p.goalKB} kB)${uncompressed ? `, ${uncompressed} sent uncompressed` : ''}`);
      for (const s of [...w.scripts].sort((a, b) => b.bytes - a.bytes)) {
        console.log(`    ${kB(s.bytes).toFixed(1).padStart(6)} kB ${s.path}${s.carries.length ? ` (${s.carries.join(', ')})` : ''}`);
      }
      console.log(`  libraries: ${w.carries.length ? w.carries.join(', ') : 'none of chart, emulator, terminal, zod, uploader'}`);
      console.log(`  prefetches (${w.prefetches.length}): ${w.prefetches.join(', ') || 'none'}`);
      if (w.duplicatePrefetches.length) console.log(`  prefetched more than once: ${w.duplicatePrefetches.join(', ')}`);
      if (w.apiPrefetches.length) console.log(`  ✖ API routes prefetched: ${w.apiPrefetches.join(', ')}`);
    }

    // What every page loads is the framework (React DOM, the Next.js router, the layout's links):
    // the floor no page can go below. The rest is each page's own.
    const shared = results[0].w.scripts.filter((s) => results.every((r) => r.w.scripts.some((t) => t.path === s.path)));
    const sharedBytes = shared.reduce((n, s) => n + s.bytes, 0);
    console.log(`\nshared by every page (framework and layout): ${kB(sharedBytes).toFixed(1)} kB in ${shared.length} scripts`);
    // Next.js's root main files (React DOM, the App Router and RSC client, the bundler's runtime)
    // load on every App Router page whatever the app holds: the part no code of ours can lower.
    const rootMain = await rootMainFiles();
    const floor = results[0].w.scripts.filter((s) => rootMain.has(s.path));
    console.log(`  of which Next.js's root main files (React DOM, App Router runtime; in any App Router page): ${kB(floor.reduce((n, s) => n + s.bytes, 0)).toFixed(1)} kB in ${floor.length} scripts`);
    console.log('page        JS kB   own kB   goal');
    for (const r of results) {
      console.log(`${r.name.padEnd(10)} ${kB(r.w.jsBytes).toFixed(1).padStart(6)}  ${kB(r.w.jsBytes - sharedBytes).toFixed(1).padStart(7)}  ${String(r.goalKB).padStart(5)}  ${kB(r.w.jsBytes) <= r.goalKB ? 'ok' : 'over'}`);
    }
    for (const r of results) console.log(`weight_${r.name}_kb=${kB(r.w.jsBytes).toFixed(1)}`);
    console.log(`weight_api_prefetches=${results.reduce((s, r) => s + r.w.apiPrefetches.length, 0)}`);
    // The metric: the heaviest page's JavaScript.
    console.log(`weight_max_kb=${Math.max(...results.map((r) => kB(r.w.jsBytes))).toFixed(1)}`);
  } catch (e) {
    console.error(log.slice(-4000));
    throw e;
  } finally {
    await browser?.close();
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
