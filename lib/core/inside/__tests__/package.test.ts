import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPackageDisk } from '@/lib/core/inside/package/open-package-disk';
import { readInside } from '@/lib/core/inside/read-inside';
import { withFileSource } from '@/lib/core/inside/sources/file-source';
import { makeOva, makeRootDir, mkext, ovfFor, qemuConvert, run, tempDir } from './fixtures';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let raw: string;
let vmdk: string;
const OS = 'ID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n';
const APK = 'C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\n\nC:Q1def=\nP:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\no:busybox\n\n';

beforeAll(async () => {
  tmp = await tempDir('package');
  const root = await makeRootDir(tmp.file('root'), { osRelease: OS, files: { 'lib/apk/db/installed': APK } });
  raw = await mkext(tmp.file('disk.img'), 'ext4', root, 24);
  vmdk = await qemuConvert(raw, tmp.file('disk1.vmdk'), 'vmdk', ['-o', 'subformat=streamOptimized']);
});
afterAll(() => tmp.cleanup());

function expectAlpine(report: Awaited<ReturnType<typeof readInside>>) {
  expect(report.status).toBe('read');
  expect(report.os?.id).toBe('alpine');
  expect(report.packages.map((p) => p.purl)).toEqual([
    'pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20',
    'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20',
  ]);
}

describe('disks inside packages', () => {
  it('an OVA made by tar: the disk the OVF names is read in place, skipping a decoy member', async () => {
    const dir = tmp.file('ova');
    await run('mkdir', ['-p', dir]);
    await copyFile(vmdk, path.join(dir, 'disk1.vmdk'));
    await writeFile(path.join(dir, 'decoy.img'), Buffer.alloc(3 << 20, 1));
    const ova = await makeOva(dir, tmp.file('a.ova'), path.join(dir, 'disk1.vmdk'), ['decoy.img']);
    await withFileSource(ova, async (s) => {
      const report = await readInside(s, { format: 'OVA' });
      expectAlpine(report);
      expect(report.disk).toMatchObject({ member: 'disk1.vmdk', format: 'vmdk-stream' });
      // The decoy member's 3 MiB are never read.
      expect(s.size).toBeGreaterThan(3 << 20);
      expect(report.bytesRead).toBeLessThan(1 << 20);
    });
  });

  it('an OVF zip with stored members is read in place; a deflated disk is named as not readable', async () => {
    const dir = tmp.file('zip');
    await run('mkdir', ['-p', dir]);
    await copyFile(vmdk, path.join(dir, 'disk1.vmdk'));
    await writeFile(path.join(dir, 'appliance.ovf'), ovfFor('disk1.vmdk', 0));
    await run('zip', ['-q', '-0', tmp.file('stored.zip'), 'appliance.ovf', 'disk1.vmdk'], { cwd: dir });
    await withFileSource(tmp.file('stored.zip'), async (s) => expectAlpine(await readInside(s, { format: 'OVF' })));
    await run('zip', ['-q', '-9', tmp.file('deflated.zip'), 'appliance.ovf', 'disk1.vmdk'], { cwd: dir });
    await withFileSource(tmp.file('deflated.zip'), async (s) => {
      const report = await readInside(s, { format: 'OVF' });
      expect(report.status).toBe('not-read');
      expect(report.reason).toMatch(/disk1\.vmdk is compressed inside the zip/);
    });
  });

  it('an OVA whose OVF marks the disk gzip-compressed is decompressed to a temp file', async () => {
    const dir = tmp.file('ova-gz');
    await run('mkdir', ['-p', dir]);
    await copyFile(vmdk, path.join(dir, 'disk1.vmdk'));
    await run('gzip', ['-f', path.join(dir, 'disk1.vmdk')]);
    await writeFile(path.join(dir, 'appliance.ovf'), ovfFor('disk1.vmdk.gz', 0).replace('ovf:href="disk1.vmdk.gz"', 'ovf:href="disk1.vmdk.gz" ovf:compression="gzip"'));
    await run('tar', ['--format=ustar', '-cf', tmp.file('gz.ova'), '-C', dir, 'appliance.ovf', 'disk1.vmdk.gz']);
    await withFileSource(tmp.file('gz.ova'), async (s) => expectAlpine(await readInside(s, { format: 'OVA', tempDir: tmp.dir })));
  });

  it('a gzip-compressed Vagrant box: the disk is decompressed once within the budget, or plainly not read', async () => {
    const dir = tmp.file('box');
    await run('mkdir', ['-p', dir]);
    await qemuConvert(raw, path.join(dir, 'box.img'), 'qcow2');
    await writeFile(path.join(dir, 'metadata.json'), '{"provider":"libvirt","format":"qcow2","virtual_size":1}');
    await writeFile(path.join(dir, 'Vagrantfile'), 'Vagrant.configure("2") do |c| end\n');
    await run('tar', ['-czf', tmp.file('a.box'), '-C', dir, 'metadata.json', 'Vagrantfile', 'box.img']);
    await withFileSource(tmp.file('a.box'), async (s) => {
      const report = await readInside(s, { format: 'VAGRANT_BOX', tempDir: tmp.dir });
      expectAlpine(report);
      expect(report.disk).toMatchObject({ member: 'box.img', format: 'qcow2' });
      const small = await readInside(s, { format: 'VAGRANT_BOX', tempDir: tmp.dir, diskBudgetBytes: 64 * 1024 });
      expect(small.status).toBe('not-read');
      expect(small.reason).toMatch(/box\.img is \d+ bytes, more than the 65536-byte budget/);
    });
    // Nothing is left behind in the temp dir.
    expect((await run('ls', [tmp.dir])).split('\n')).not.toContainEqual(expect.stringMatching(/^inside-/));
    // An uncompressed box (plain tar) is read in place.
    await run('tar', ['-cf', tmp.file('plain.box'), '-C', dir, 'metadata.json', 'box.img']);
    await withFileSource(tmp.file('plain.box'), async (s) => {
      const result = await openPackageDisk(s, 'VAGRANT_BOX');
      expect(result.ok && result.member).toBe('box.img');
    });
  });

  it('a damaged tar header and an OVA without a disk give reasons, not crashes', async () => {
    const dir = tmp.file('bad');
    await run('mkdir', ['-p', dir]);
    await writeFile(path.join(dir, 'appliance.ovf'), ovfFor('missing.vmdk', 0));
    await run('tar', ['--format=ustar', '-cf', tmp.file('nodisk.ova'), '-C', dir, 'appliance.ovf']);
    await withFileSource(tmp.file('nodisk.ova'), async (s) => {
      const report = await readInside(s, { format: 'OVA' });
      expect(report.status).toBe('not-read');
      expect(report.reason).toMatch(/holds no disk/);
    });
    const bytes = await readFile(tmp.file('nodisk.ova'));
    bytes.write('99999999999', 124, 'latin1'); // size field no longer octal, checksum now wrong
    await writeFile(tmp.file('broken.ova'), bytes);
    await withFileSource(tmp.file('broken.ova'), async (s) => {
      const report = await readInside(s, { format: 'OVA' });
      expect(report.status).toBe('not-read');
      expect(report.reason).toMatch(/tar header at offset 0 is damaged/);
    });
  });
});
