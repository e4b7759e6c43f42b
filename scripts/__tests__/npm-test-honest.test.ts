import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm test` must fail whenever a test fails, whatever the runners' exit codes say. A test file that
 * cannot load, run beside an integration test (whose embedded PostgreSQL once made vitest exit 0),
 * is planted in a folder only this nested run sees, and the real runner must say FAIL.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(repoRoot, 'lib/test-support/__planted__');
const id = `${process.pid}-${Date.now()}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runNpmTest(files: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test.ts', 'vitest', '--files', ...files], {
    cwd: repoRoot,
    env: { ...process.env, APX_PLANTED_TESTS: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('npm test tells the truth', () => {
  it('fails when a test file cannot load, even beside an integration test', () => {
    mkdirSync(dir, { recursive: true });
    const planted = `lib/test-support/__planted__/cannot-load-${id}.test.ts`;
    writeFileSync(path.join(repoRoot, planted), "import './no-such-module.ts';\nimport { it } from 'vitest';\nit('never runs', () => {});\n");
    const r = runNpmTest([planted, 'app/api/v1/__tests__/catalog-access.int.test.ts']);
    expect(r.out).toMatch(/catalog-access\.int\.test\.ts/);
    expect(r.out).toMatch(/FAIL: \d+ passed, [1-9]\d* failed/);
    expect(r.code, r.out.slice(-3000)).not.toBe(0);
  });

  it('vitest itself exits non-zero for that run (the embedded PostgreSQL no longer forces exit 0)', () => {
    mkdirSync(dir, { recursive: true });
    const planted = `lib/test-support/__planted__/cannot-load-direct-${id}.test.ts`;
    writeFileSync(path.join(repoRoot, planted), "import './no-such-module.ts';\nimport { it } from 'vitest';\nit('never runs', () => {});\n");
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', planted, 'app/api/v1/__tests__/catalog-access.int.test.ts'], {
      cwd: repoRoot,
      env: { ...process.env, APX_PLANTED_TESTS: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(`${r.stdout}${r.stderr}`).toMatch(/1 failed/);
    expect(r.status).toBe(1);
  });

  it('fails when a test fails', () => {
    mkdirSync(dir, { recursive: true });
    const planted = `lib/test-support/__planted__/fails-${id}.test.ts`;
    writeFileSync(path.join(repoRoot, planted), "import { expect, it } from 'vitest';\nit('is planted to fail', () => { expect(1 + 1).toBe(3); });\n");
    const r = runNpmTest([planted]);
    expect(r.out).toMatch(/is planted to fail/);
    expect(r.out).toMatch(/FAIL: 0 passed, 1 failed/);
    expect(r.code).not.toBe(0);
  });

  it('fails when a test is skipped', () => {
    mkdirSync(dir, { recursive: true });
    const planted = `lib/test-support/__planted__/skips-${id}.test.ts`;
    writeFileSync(path.join(repoRoot, planted), "import { expect, it } from 'vitest';\nit('runs', () => { expect(1).toBe(1); });\nit.skip('is skipped', () => {});\n");
    const r = runNpmTest([planted]);
    expect(r.out).toMatch(/skipped or todo/);
    expect(r.code).not.toBe(0);
  });
});
