// A fixture-driven test must fail when its folder is missing, never pass with zero tests.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('a missing fixture folder', () => {
  it('fails the real-OVF fixture test file (non-zero exit, the folder named) instead of running zero tests', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', 'lib/core/inspect/__tests__/ovf-real-fixtures.test.ts'], {
      cwd: repoRoot,
      env: { ...process.env, OVF_REAL_FIXTURES: '/nonexistent/ovf-real', CI: '1', NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = `${run.stdout}\n${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
    expect(run.status, output).not.toBe(0);
    expect(output).toContain('the real-OVF fixtures are missing: /nonexistent/ovf-real/labels.json does not exist');
    expect(output).toMatch(/Test Files\s+1 failed/);
  }, 130_000);
});
