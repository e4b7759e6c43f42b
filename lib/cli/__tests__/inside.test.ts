import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInsideDemoAppliance } from '@/lib/seed/inside-demo-disk';
import { runCli } from '../test-support/run-cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-inside-'));
let ova: string;

beforeAll(async () => {
  const files = await makeInsideDemoAppliance({
    name: 'Local Check', vendor: 'Me', version: '0.1', message: 'local check', packages: 'required',
    cpus: 1, memoryMiB: 128, os: { id: 96, vmwOsType: 'debian12_64Guest', description: 'Debian 12' },
  });
  ova = path.join(dir, files.ova.fileName);
  writeFileSync(ova, files.ova.bytes);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('apx inside ./file', () => {
  it('reads a local OVA with the same reader as the site: OS, packages and the baked-in host key', async () => {
    const r = await runCli(['inside', ova]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))![1];
    expect(r.stdout).toContain(`OS           ${pretty}`);
    expect(r.stdout).toMatch(/Packages\s+\d+/);
    expect(r.stdout).toContain('base-files');
    expect(r.stdout).toMatch(/\[high\].*SSH host key/i);
    expect(r.stdout).not.toContain('ZGVtbyBob3N0');
  }, 60_000);

  it('--json prints the report as JSON', async () => {
    const r = await runCli(['inside', ova, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { report: { status: string; packages: { name: string }[] } };
    expect(out.report.status).toBe('read');
    expect(out.report.packages.map((p) => p.name)).toContain('base-files');
  }, 60_000);

  it('a missing file, a non-reference and --sbom on a file are usage errors with their exit codes', async () => {
    expect((await runCli(['inside', './no-such.ova'])).code).toBe(3);
    expect((await runCli(['inside', 'not a reference'])).code).toBe(2);
    expect((await runCli(['inside', ova, '--sbom', path.join(dir, 'x.json')])).code).toBe(2);
  });
});
