import { readFile, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRpmHeader } from '@/lib/core/inside/inventory/rpm-header';
import { readInside } from '@/lib/core/inside/read-inside';
import { withFileSource } from '@/lib/core/inside/sources/file-source';
import { openHttpRangeSource } from '@/lib/core/inside/sources/http-range-source';
import { machineRoot, makeOva, makeRootDir, mkext, qemuConvert, run, tempDir, type RootSpec } from './fixtures';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let n = 0;
const handlersBefore = ['uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));

beforeAll(async () => {
  tmp = await tempDir('report');
});
afterAll(() => tmp.cleanup());

/** An ext4 image of a root made from `spec` (plus `prepare` for sparse files), read as RAW. */
async function reportFor(spec: RootSpec, prepare?: (dir: string) => Promise<void>, sizeMiB = 32) {
  const dir = await makeRootDir(tmp.file(`root-${++n}`), spec);
  if (prepare) await prepare(dir);
  const img = await mkext(tmp.file(`img-${n}.img`), 'ext4', dir, sizeMiB);
  return withFileSource(img, (s) => readInside(s, { format: 'RAW', tempDir: tmp.dir }));
}

describe('the package inventory matches the real database', () => {
  it('dpkg: the machine’s own status file gives exactly what dpkg-query lists as installed', async () => {
    const root = await machineRoot(tmp.file('machine'));
    const img = await mkext(tmp.file('machine.img'), 'ext4', root, 48);
    const vmdk = await qemuConvert(img, tmp.file('machine.vmdk'), 'vmdk', ['-o', 'subformat=streamOptimized']);
    const ova = await makeOva(path.dirname(vmdk), tmp.file('machine.ova'), vmdk);
    const report = await withFileSource(ova, (s) => readInside(s, { format: 'OVA' }));
    const expected = (await run('dpkg-query', ['-W', '-f', '${db:Status-Status} ${Package} ${Version}\n']))
      .split('\n')
      .filter((l) => l.startsWith('installed '))
      .map((l) => l.slice('installed '.length))
      .sort();
    expect(expected.length).toBeGreaterThan(50);
    expect(report.status).toBe('read');
    expect(report.packages.map((p) => `${p.name} ${p.version}`).sort()).toEqual(expected);
    const osRelease = await readFile('/etc/os-release', 'utf8');
    const id = /^ID=(.*)$/m.exec(osRelease)![1].replace(/"/g, '');
    const versionId = /^VERSION_ID=(.*)$/m.exec(osRelease)?.[1].replace(/"/g, '');
    expect(report.os).toMatchObject({ id, versionId });
    const arch = (await run('dpkg', ['--print-architecture'])).trim();
    const sample = report.packages.find((p) => p.arch === arch)!;
    expect(sample.purl).toBe(
      `pkg:deb/${id}/${encodeURIComponent(sample.name)}@${encodeURIComponent(sample.version)}?arch=${arch}&distro=${id}-${versionId}`,
    );
    expect(report.bytesRead).toBeGreaterThan(0);
  });

  it('dpkg: only "install ok installed" stanzas count; the purl encodes epochs and pluses', async () => {
    const status = [
      'Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl (3.0.15-1~deb12u1)\nVersion: 3.0.15-1~deb12u1\nDescription: x\n more text\n',
      'Package: gone\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n',
      'Package: half\nStatus: install ok half-installed\nArchitecture: amd64\nVersion: 1.0\n',
      'Package: libc++1\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:14.0+dfsg\n',
    ].join('\n');
    const report = await reportFor({ osRelease: 'ID=debian\nVERSION_ID="12"\n', dpkgStatus: status });
    expect(report.packages.map((p) => p.purl)).toEqual([
      'pkg:deb/debian/libc%2B%2B1@1%3A14.0%2Bdfsg?arch=amd64&distro=debian-12',
      'pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12',
    ]);
    expect(report.packages[1].source).toBe('openssl');
  });

  it('rpm: rpmdb.sqlite (read with node:sqlite), without gpg-pubkey pseudo-packages', async () => {
    const report = await reportFor({ osRelease: 'ID=fedora\nVERSION_ID=40\nPRETTY_NAME="Fedora Linux 40"\n' }, async (dir) => {
      const dbDir = path.join(dir, 'usr/lib/sysimage/rpm');
      await run('mkdir', ['-p', dbDir, path.join(dir, 'var/lib')]);
      await run('ln', ['-s', '../../usr/lib/sysimage/rpm', path.join(dir, 'var/lib/rpm')]);
      const db = new DatabaseSync(path.join(dbDir, 'rpmdb.sqlite'));
      db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
      const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
      insert.run(buildRpmHeader({ name: 'bash', version: '5.2.26', release: '3.fc40', arch: 'x86_64', license: 'GPL-3.0-or-later', sourceRpm: 'bash-5.2.26-3.fc40.src.rpm' }));
      insert.run(buildRpmHeader({ name: 'shadow-utils', version: '4.15.1', release: '2.fc40', epoch: 2, arch: 'x86_64', license: 'BSD-3-Clause' }));
      insert.run(buildRpmHeader({ name: 'gpg-pubkey', version: 'a15b79cc', release: '63d04c2c' }));
      db.close();
    });
    expect(report.packages.map((p) => [p.name, p.version, p.purl, p.license])).toEqual([
      ['bash', '5.2.26-3.fc40', 'pkg:rpm/fedora/bash@5.2.26-3.fc40?arch=x86_64&distro=fedora-40', 'GPL-3.0-or-later'],
      ['shadow-utils', '2:4.15.1-2.fc40', 'pkg:rpm/fedora/shadow-utils@4.15.1-2.fc40?arch=x86_64&distro=fedora-40&epoch=2', 'BSD-3-Clause'],
    ]);
  });
});

describe('kernels, services and security findings', () => {
  const HASH = '$6$saltsalt$HASHSECRETHASHSECRET';
  const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nSECRETKEYMATERIAL\n-----END OPENSSH PRIVATE KEY-----\n';
  let report: Awaited<ReturnType<typeof readInside>>;
  beforeAll(async () => {
    report = await reportFor({
      osRelease: 'ID=debian\nVERSION_ID=12\n',
      files: {
        'boot/vmlinuz-6.1.0-28-amd64': 'k',
        'lib/modules/6.1.0-28-amd64/modules.dep': '',
        'lib/modules/6.6.0-test/modules.dep': '',
        'etc/ssh/ssh_host_ed25519_key': KEY,
        'etc/ssh/ssh_host_ed25519_key.pub': 'ssh-ed25519 AAAAPUBLIC host',
        'etc/ssh/ssh_host_rsa_key': KEY,
        'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
        'etc/shadow': `root:${HASH}:19000:0:99999:7:::\nalice:!:19000::::::\nbob::19000::::::\n`,
        'root/.ssh/authorized_keys': 'ssh-ed25519 AAAASECRETAUTHORIZED admin@laptop\n',
        'home/alice/.ssh/authorized_keys': 'ssh-rsa AAAASECRETALICE alice\n',
        'home/bob/.ssh/authorized_keys': '',
      },
      symlinks: {
        'etc/systemd/system/multi-user.target.wants/ssh.service': '/lib/systemd/system/ssh.service',
        'etc/systemd/system/multi-user.target.wants/cron.service': '/lib/systemd/system/cron.service',
        'etc/systemd/system/sockets.target.wants/dbus.socket': '/lib/systemd/system/dbus.socket',
        'etc/runlevels/default/sshd': '/etc/init.d/sshd',
        'etc/runlevels/boot/hostname': '/etc/init.d/hostname',
      },
    });
  });

  it('lists kernels from /boot and /lib/modules, and services enabled at boot', () => {
    expect(report.kernels).toEqual(['6.1.0-28-amd64', '6.6.0-test']);
    expect(report.services).toEqual([
      { name: 'hostname', init: 'openrc', target: 'boot' },
      { name: 'sshd', init: 'openrc', target: 'default' },
      { name: 'cron.service', init: 'systemd', target: 'multi-user.target' },
      { name: 'ssh.service', init: 'systemd', target: 'multi-user.target' },
      { name: 'dbus.socket', init: 'systemd', target: 'sockets.target' },
    ]);
  });

  it('finds baked-in host keys, authorized keys, an empty password and a root password', () => {
    const byCode = Object.fromEntries(report.findings.map((f) => [f.code, f]));
    expect(byCode['ssh-host-keys']).toMatchObject({ severity: 'high', paths: ['/etc/ssh/ssh_host_ed25519_key', '/etc/ssh/ssh_host_rsa_key'] });
    expect(byCode['authorized-keys']).toMatchObject({ severity: 'high', paths: ['/root/.ssh/authorized_keys', '/home/alice/.ssh/authorized_keys'] });
    expect(byCode['authorized-keys'].title).toBe('SSH keys are authorized to log in as root, alice');
    expect(byCode['empty-password'].title).toBe('Accounts without a password: bob');
    expect(byCode['root-password-set'].severity).toBe('medium');
    expect(report.findings.map((f) => f.code).sort()).toEqual(['authorized-keys', 'empty-password', 'root-password-set', 'ssh-host-keys']);
  });

  it('never carries secret material: no hash, no key, no authorized key', () => {
    const json = JSON.stringify(report);
    for (const secret of ['HASHSECRET', 'saltsalt', 'SECRETKEYMATERIAL', 'AAAASECRETAUTHORIZED', 'AAAASECRETALICE', 'BEGIN OPENSSH']) {
      expect(json).not.toContain(secret);
    }
  });

  it('a locked root and no keys give no findings', async () => {
    const clean = await reportFor({
      osRelease: 'ID=debian\n',
      files: { 'etc/passwd': 'root:x:0:0::/root:/bin/sh\n', 'etc/shadow': 'root:*:19000::::::\ndaemon:!:19000::::::\n', 'etc/ssh/sshd_config': '' },
    });
    expect(clean.findings).toEqual([]);
    expect(clean.status).toBe('read');
  });
});

it('loading libext2fs leaves the process’s own error handlers as they were', () => {
  expect(['uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e))).toEqual(handlersBefore);
});

describe('hostile files inside the image', () => {
  it('an os-release that is a symlink loop is a finding; the fallback file is used', async () => {
    const report = await reportFor({
      files: { 'usr/lib/os-release': 'ID=fallback\n' },
      symlinks: { 'etc/os-release': 'os-release.d', 'etc/os-release.d': '/etc/os-release' },
    });
    expect(report.findings).toEqual([expect.objectContaining({ code: 'symlink-loop', paths: ['/etc/os-release'] })]);
    expect(report.os?.id).toBe('fallback');
  });

  it('symlinks never leave the image: absolute and ../ targets resolve inside its root', async () => {
    const report = await reportFor({
      files: { 'usr/lib/os-release': 'ID=inside\n' },
      symlinks: { 'etc/os-release': '../../../../../../../../usr/lib/os-release', 'var/lib/dpkg': '/../../../var/lib/dpkg' },
    });
    expect(report.os?.id).toBe('inside');
    expect(report.packages).toEqual([]); // the host's dpkg database is not reachable
  });

  it('an os-release that is a directory is a finding', async () => {
    const report = await reportFor({ dirs: ['etc/os-release'], files: { 'usr/lib/os-release': 'ID=dir\n' } });
    expect(report.findings).toEqual([expect.objectContaining({ code: 'not-a-file', paths: ['/etc/os-release'] })]);
  });

  it('a 1 GB os-release and a 4 GB dpkg status are findings, and are not read', async () => {
    const report = await reportFor({ files: { 'usr/lib/os-release': 'ID=big\n' } }, async (dir) => {
      await run('mkdir', ['-p', path.join(dir, 'etc'), path.join(dir, 'var/lib/dpkg')]);
      await writeFile(path.join(dir, 'etc/os-release'), 'ID=huge\n');
      await truncate(path.join(dir, 'etc/os-release'), 1024 ** 3);
      await writeFile(path.join(dir, 'var/lib/dpkg/status'), 'Package: x\n');
      await truncate(path.join(dir, 'var/lib/dpkg/status'), 4 * 1024 ** 3);
    });
    expect(report.findings.map((f) => [f.code, f.paths])).toEqual([
      ['file-too-large', ['/etc/os-release']],
      ['file-too-large', ['/var/lib/dpkg/status']],
    ]);
    expect(report.findings[0].detail).toMatch(/1073741824 bytes, more than the 65536/);
    expect(report.os?.id).toBe('big');
    expect(report.bytesRead).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('over HTTP Range', () => {
  let server: Server;
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  it('reads an OVA through Range requests, fetching a small part of it', async () => {
    const root = await makeRootDir(tmp.file('http-root'), { osRelease: 'ID=alpine\nVERSION_ID=3.20.1\n', files: { 'lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\nA:x86_64\n\n' } });
    const img = await mkext(tmp.file('http.img'), 'ext4', root, 64);
    await run('dd', ['if=/dev/urandom', `of=${img}`, 'bs=1M', 'count=24', 'seek=32', 'conv=notrunc', 'status=none']); // incompressible free space
    const vmdk = await qemuConvert(img, tmp.file('http.vmdk'), 'vmdk', ['-o', 'subformat=streamOptimized']);
    const bytes = await readFile(await makeOva(tmp.dir, tmp.file('http.ova'), vmdk));
    let requests = 0;
    server = createServer((req, res) => {
      requests++;
      const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '')!;
      const start = Number(m[1]);
      const end = Math.min(Number(m[2]), bytes.length - 1);
      res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${bytes.length}` });
      res.end(bytes.subarray(start, end + 1));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/http.ova`;
    const report = await readInside(await openHttpRangeSource(url), { format: 'OVA' });
    expect(report.status).toBe('read');
    expect(report.packages.map((p) => p.purl)).toEqual(['pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20']);
    expect(report.bytesRead).toBeLessThan(bytes.length / 4);
    expect(requests).toBeGreaterThan(1);
  });
});
