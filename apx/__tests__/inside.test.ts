import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOva, makeRootDir, mkext, qemuConvert, run, tempDir } from '@/lib/core/inside/__tests__/fixtures';
import type { InsideReport } from '@/lib/core/inside/types';
import { EXIT } from '@/apx/exit-codes';
import { makeCliHome, runCli } from '@/apx/test-support/run-cli';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let home: Awaited<ReturnType<typeof makeCliHome>>;
let ova: string;

beforeAll(async () => {
  tmp = await tempDir('apx-inside');
  home = await makeCliHome();
  const root = await makeRootDir(tmp.file('root'), {
    osRelease: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
    dpkgStatus: 'Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 3.0.15-1~deb12u1\n\nPackage: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b7\n',
    files: { 'etc/ssh/ssh_host_ed25519_key': 'PRIVATE-KEY-MATERIAL\n', 'boot/vmlinuz-6.1.0-28-amd64': 'k' },
    symlinks: { 'etc/systemd/system/multi-user.target.wants/ssh.service': '/lib/systemd/system/ssh.service' },
  });
  const img = await mkext(tmp.file('disk.img'), 'ext4', root, 24);
  const dir = tmp.file('ova');
  await run('mkdir', ['-p', dir]);
  const vmdk = await qemuConvert(img, path.join(dir, 'disk1.vmdk'), 'vmdk', ['-o', 'subformat=streamOptimized']);
  ova = await makeOva(dir, tmp.file('web.ova'), vmdk);
});
afterAll(async () => {
  await home.cleanup();
  await tmp.cleanup();
});

const apx = (argv: string[]) => runCli(argv, { env: home.env });

describe('apx inside ./local.ova', () => {
  it('prints the OS, kernel, package count, services and findings', async () => {
    const r = await apx(['inside', ova]);
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toContain('web.ova: read (vmdk-stream disk disk1.vmdk, 24.0 MiB)');
    expect(r.stdout).toMatch(/OS\s+Debian GNU\/Linux 12 \(bookworm\)/);
    expect(r.stdout).toMatch(/Kernel\s+6\.1\.0-28-amd64/);
    expect(r.stdout).toMatch(/Packages\s+2 \(dpkg\)/);
    expect(r.stdout).toContain('multi-user.target: ssh.service');
    expect(r.stdout).toContain('HIGH    SSH host keys are baked into the image (1)');
    expect(r.stdout).not.toContain('PRIVATE-KEY-MATERIAL');
  });

  it('--json prints the report; --sbom writes a valid CycloneDX 1.6 SBOM with the file’s SHA-256', async () => {
    const sbomFile = tmp.file('sbom.json');
    const r = await apx(['inside', ova, '--json', '--sbom', sbomFile]);
    expect(r.code).toBe(EXIT.OK);
    const report = JSON.parse(r.stdout) as InsideReport & { sbomFile: string };
    expect(report.packages.map((p) => p.purl)).toEqual([
      'pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64&distro=debian-12',
      'pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12',
    ]);
    expect(report.sbomFile).toBe(sbomFile);
    const text = await readFile(sbomFile, 'utf8');
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text)).toBeNull();
    const sha256 = (await run('sha256sum', [ova])).split(' ')[0];
    expect(JSON.parse(text).metadata.component.hashes).toEqual([{ alg: 'SHA-256', content: sha256 }]);
  });

  it('a file that is not a disk is reported as not read, and a missing path is a usage error', async () => {
    await run('sh', ['-c', `head -c 100000 /dev/urandom > ${tmp.file('noise.qcow2')}`]);
    const r = await apx(['inside', tmp.file('noise.qcow2'), '--format', 'qcow2']);
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toContain('noise.qcow2: not read');
    const missing = await apx(['inside', tmp.file('missing.ova')]);
    expect(missing.code).toBe(EXIT.USAGE);
    expect(missing.stderr).toContain('is not a local file');
  });
});
