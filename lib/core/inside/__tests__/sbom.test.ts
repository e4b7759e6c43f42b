import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { diffPackages } from '@/lib/core/inside/diff-packages';
import { packageUrl } from '@/lib/core/inside/inventory/purl';
import { buildSbom } from '@/lib/core/inside/sbom';
import type { InsidePackage, InsideReport } from '@/lib/core/inside/types';

const distro = { id: 'debian', versionId: '12' };
function deb(name: string, version: string, arch = 'amd64', extra: Partial<InsidePackage> = {}): InsidePackage {
  return { manager: 'dpkg', name, version, arch, purl: packageUrl('dpkg', { name, version, arch }, distro), ...extra };
}

const report: InsideReport = {
  schemaVersion: 1,
  status: 'read',
  filesystems: [{ partition: 1, type: 'ext4', readable: true, sizeBytes: 1 << 30 }],
  os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
  kernels: ['6.1.0-28-amd64'],
  packages: [
    deb('openssl', '3.0.15-1~deb12u1', 'amd64', { source: 'openssl' }),
    deb('libc6', '2.36-9+deb12u9'),
    { manager: 'apk', name: 'musl', version: '1.2.5-r0', arch: 'x86_64', license: 'MIT', purl: 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20' },
    { manager: 'apk', name: 'busybox', version: '1.36.1-r29', arch: 'x86_64', license: 'GPL-2.0-only AND custom', purl: 'pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20' },
  ],
  services: [],
  findings: [{ code: 'root-password-set', severity: 'medium', title: 'A root password is set in the image', detail: 'x', paths: ['/etc/shadow'] }],
  bytesRead: 1,
};
const sha256 = 'a'.repeat(32) + 'b'.repeat(32);

describe('buildSbom', () => {
  it('is a valid CycloneDX 1.6 document per the library’s own JSON schema validator', async () => {
    const sbom = buildSbom(report, { applianceName: 'Web Server', version: '2.1', fileName: 'web.ova', sha256 });
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    expect(await validator.validate(JSON.stringify(sbom))).toBeNull();
    // The validator does reject a broken document (so the null above means something).
    const broken = JSON.parse(JSON.stringify(sbom)) as { components: { type: string }[] };
    broken.components[0].type = 'virtual-machine-of-doom';
    expect(await validator.validate(JSON.stringify(broken))).not.toBeNull();
  });

  it('names the file, its OS and every package by purl, and depends on all of them', () => {
    const sbom = buildSbom(report, { applianceName: 'Web Server', version: '2.1', fileName: 'web.ova', sha256, timestamp: new Date('2026-01-02T03:04:05Z') }) as {
      bomFormat: string;
      specVersion: string;
      serialNumber: string;
      metadata: { timestamp: string; component: { name: string; version: string; hashes: { alg: string; content: string }[] } };
      components: { type: string; name: string; version?: string; purl?: string; licenses?: unknown[] }[];
      dependencies: { ref: string; dependsOn?: string[] }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.specVersion).toBe('1.6');
    expect(sbom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sbom.metadata.timestamp).toBe('2026-01-02T03:04:05.000Z');
    expect(sbom.metadata.component).toMatchObject({ name: 'Web Server', version: '2.1', hashes: [{ alg: 'SHA-256', content: sha256 }] });
    expect(sbom.components.find((c) => c.type === 'operating-system')).toMatchObject({ name: 'debian', version: '12' });
    expect(sbom.components.filter((c) => c.type === 'library').map((c) => c.purl).sort()).toEqual(report.packages.map((p) => p.purl).sort());
    expect(sbom.components.find((c) => c.name === 'openssl')?.purl).toBe('pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12');
    expect(sbom.components.find((c) => c.name === 'musl')?.licenses).toEqual([{ license: { id: 'MIT' } }]);
    const root = sbom.dependencies.find((d) => d.ref === 'appliance')!;
    expect(root.dependsOn).toHaveLength(report.packages.length + 1);
    // The same file always has the same serial number; findings are not in the SBOM.
    expect((buildSbom(report, { applianceName: 'x', version: '1', fileName: 'f', sha256 }) as { serialNumber: string }).serialNumber).toBe(sbom.serialNumber);
    expect(JSON.stringify(sbom)).not.toContain('root password');
  });
});

describe('diffPackages', () => {
  it('lists added, removed and upgraded packages by name, arch-aware', () => {
    const a = [deb('openssl', '3.0.14-1'), deb('curl', '7.88.1-10'), deb('libc6', '2.36-9', 'amd64'), deb('libc6', '2.36-9', 'i386'), deb('same', '1')];
    const b = [deb('openssl', '3.0.15-1~deb12u1'), deb('nginx', '1.22.1-9'), deb('libc6', '2.36-9', 'amd64'), deb('same', '1'), deb('zlib1g', '1:1.2.13')];
    const d = diffPackages(a, b);
    expect(d.added.map((p) => p.name)).toEqual(['nginx', 'zlib1g']);
    expect(d.removed.map((p) => `${p.name}:${p.arch}`)).toEqual(['curl:amd64', 'libc6:i386']);
    expect(d.upgraded).toEqual([{ name: 'openssl', from: '3.0.14-1', to: '3.0.15-1~deb12u1' }]);
    expect(diffPackages(b, b)).toEqual({ added: [], removed: [], upgraded: [] });
  });
});
