// `npm test`: lint (eslint, and the layering: `npm run lint:layers`), typecheck, unit + integration
// tests (Vitest, real PostgreSQL and S3), and end-to-end tests (Playwright, production build in
// Chromium). Runs every step even when one fails, then prints one summary line and exits non-zero
// on any failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/schema-engine.ts';
import { playwrightVerdict, vitestVerdict, type PlaywrightReport, type VitestReport } from './lib/test-verdict.ts';

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
  seconds: number;
}

/** Failed tests, named with their first error line: printed again right above the summary. */
const failures: string[] = [];
const firstLine = (text: string | undefined) =>
  (text ?? '')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean)
    ?.slice(0, 300) ?? '';

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; file?: string; line?: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
}

function playwrightFailures(suites: PlaywrightSuite[] | undefined): string[] {
  const found: string[] = [];
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const error = t.results.map((r) => r.error?.message).find(Boolean);
        found.push(`${spec.file ?? suite.file}:${spec.line ?? ''} › ${spec.title}${t.status === 'flaky' ? ' (flaky)' : ''}\n    ${firstLine(error)}`);
      }
    }
    found.push(...playwrightFailures(suite.suites));
  }
  return found;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

async function step(name: string, fn: () => Promise<Omit<StepResult, 'name' | 'seconds'>>): Promise<StepResult> {
  console.log(`\n━━ ${name} ${'━'.repeat(Math.max(0, 70 - name.length))}`);
  const started = Date.now();
  const r = await fn();
  return { name, ...r, seconds: Math.round((Date.now() - started) / 1000) };
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function main() {
  // `npm test -- vitest` runs one step; anything after `--files` goes to vitest as file filters.
  const argv = process.argv.slice(2);
  const filesAt = argv.indexOf('--files');
  const only = filesAt < 0 ? argv : argv.slice(0, filesAt);
  const vitestArgs = filesAt < 0 ? [] : argv.slice(filesAt + 1);
  const want = (s: string) => only.length === 0 || only.includes(s);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'apx-test-report-'));
  const results: StepResult[] = [];

  if (want('lint')) {
    results.push(
      await step('lint (eslint)', async () => {
        const code = await run(bin('eslint'), ['.', '--max-warnings=0']);
        return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, ok: code === 0 };
      }),
    );
    results.push(
      await step('layering (dependency-cruiser)', async () => {
        const code = await run('npm', ['run', '--silent', 'lint:layers']);
        return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, ok: code === 0 };
      }),
    );
  }
  if (want('typecheck')) {
    results.push(
      await step('typecheck (tsc 7)', async () => {
        const code = await run(process.execPath, [path.join(repoRoot, 'node_modules/typescript-7/bin/tsc'), '--noEmit', '-p', '.']);
        return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, ok: code === 0 };
      }),
    );
  }
  if (want('vitest')) {
    results.push(
      await step('unit and integration tests (vitest)', async () => {
        const out = path.join(tmp, 'vitest.json');
        const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...vitestArgs]);
        const report = await readJson<VitestReport>(out);
        for (const file of report?.testResults ?? []) {
          const where = path.relative(repoRoot, file.name);
          const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
          for (const a of failed) failures.push(`${where} › ${a.fullName}\n    ${firstLine(a.failureMessages?.[0])}`);
          if (failed.length === 0 && (file.message || file.status !== 'passed')) failures.push(`${where}\n    ${firstLine(file.message) || `status ${file.status}`}`);
        }
        const verdict = vitestVerdict(report, code);
        for (const p of verdict.problems) failures.push(`vitest\n    ${p}`);
        return verdict;
      }),
    );
  }
  const playwrightStep = (name: string, args: string[], reportName: string) =>
    step(name, async () => {
      const out = path.join(tmp, reportName);
      const code = await run(bin('playwright'), ['test', ...args], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
      const report = await readJson<PlaywrightReport & { suites?: PlaywrightSuite[] }>(out);
      failures.push(...playwrightFailures(report?.suites));
      for (const e of report?.errors ?? []) failures.push(`playwright\n    ${firstLine(e.message)}`);
      const verdict = playwrightVerdict(report, code);
      for (const p of verdict.problems) failures.push(`${name}\n    ${p}`);
      return verdict;
    });
  if (want('e2e')) results.push(await playwrightStep('end-to-end tests (playwright)', [], 'playwright.json'));
  // After e2e, whose production build it reuses: two nodes, a worker, a load balancer, an external PostgreSQL.
  if (want('topology')) {
    results.push(await playwrightStep('scale-out topology (playwright)', ['-c', 'e2e-topology/playwright.config.ts'], 'topology.json'));
  }
  await fs.rm(tmp, { recursive: true, force: true });

  if (failures.length > 0) {
    console.log('\n━━ failed ' + '━'.repeat(63));
    for (const f of failures.slice(0, 12)) console.log(`✖ ${f}`);
    if (failures.length > 12) console.log(`… and ${failures.length - 12} more above`);
  }
  console.log('\n━━ summary ' + '━'.repeat(62));
  for (const r of results) {
    console.log(`${r.ok ? '✔' : '✖'} ${r.name.padEnd(40)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${r.skipped ? `${r.skipped} skipped ` : ''}(${r.seconds}s)`);
  }
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const ok = results.every((r) => r.ok);
  console.log(`\n${ok ? 'PASS' : 'FAIL'}: ${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
}

void main();
