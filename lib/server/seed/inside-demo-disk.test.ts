import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectStream } from '@/lib/core/inspect';
import { makeInsideDemoAppliance, selectPackages } from '@/lib/server/seed/inside-demo-disk';
import { Readable } from 'node:stream';

const dir = mkdtempSync(path.join(os.tmpdir(), 'inside-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STATUS = `Package: bash
Essential: yes
Status: install ok installed
Priority: required
Version: 5.2

Package: systemd
Status: install ok installed
Priority: important
Version: 252

Package: vim
Status: install ok installed
Priority: optional
Version: 9

Package: gone
Status: deinstall ok config-files
Priority: required
Version: 1
`;

describe('selectPackages', () => {
  it('keeps installed packages by priority', () => {
    const names = (s: string) => [...s.matchAll(/^Package: (\S+)$/gm)].map((m) => m[1]);
    expect(names(selectPackages(STATUS, 'required'))).toEqual(['bash']);
    expect(names(selectPackages(STATUS, 'important'))).toEqual(['bash', 'systemd']);
    expect(names(selectPackages(STATUS, 'all'))).toEqual(['bash', 'systemd', 'vim']);
  });
});

describe('makeInsideDemoAppliance', () => {
  it('makes raw, qcow2 and OVA files holding an ext4 root with the host os-release and dpkg status, which pass inspection', async () => {
    const files = await makeInsideDemoAppliance({
      name: 'Server Base', vendor: 'Demo Labs', version: '1.0', message: 'Server Base 1.0 booted', packages: 'required',
      cpus: 1, memoryMiB: 256, os: { id: 96, vmwOsType: 'debian12_64Guest', description: 'Debian 12' },
    });
    const raw = path.join(dir, 'disk.img');
    writeFileSync(raw, files.raw.bytes);
    // The boot sector stays: MBR signature and the kit's message.
    expect(files.raw.bytes[510]).toBe(0x55);
    expect(Buffer.from(files.raw.bytes.subarray(0, 446)).toString('latin1')).toContain('Server Base 1.0 booted');
    // The partition holds ext4 with the files the reader looks for.
    const fsImage = path.join(dir, 'part.img');
    writeFileSync(fsImage, files.raw.bytes.subarray(1024 * 1024));
    const osRelease = execFileSync('debugfs', ['-R', 'cat /etc/os-release', fsImage], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    expect(osRelease).toBe(readFileSync('/etc/os-release', 'utf8'));
    const status = execFileSync('debugfs', ['-R', 'cat /var/lib/dpkg/status', fsImage], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }).toString();
    expect(status).toContain('Package: base-files');
    expect(status).not.toMatch(/^Priority: optional$/m);
    const ls = execFileSync('debugfs', ['-R', 'ls -l /etc/ssh', fsImage], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    expect(ls).toContain('ssh_host_ed25519_key');
    // qemu-img made the qcow2 and the streamOptimized VMDK inside the OVA.
    const qcow2 = path.join(dir, 'disk.qcow2');
    writeFileSync(qcow2, files.qcow2.bytes);
    expect(JSON.parse(execFileSync('qemu-img', ['info', '--output=json', qcow2]).toString())).toMatchObject({ format: 'qcow2', 'virtual-size': files.raw.sizeBytes });
    for (const f of [files.raw, files.qcow2, files.ova]) {
      const report = await inspectStream(Readable.from([Buffer.from(f.bytes)]), { fileName: f.fileName, declaredSize: f.sizeBytes, expectedFormat: f.format, expectedSha256: f.sha256 });
      expect(report.verdict, `${f.fileName}: ${report.reason}`).toBe('VERIFIED');
    }
  }, 120_000);
});
