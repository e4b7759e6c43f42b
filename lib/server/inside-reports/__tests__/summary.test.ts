import { describe, expect, it } from 'vitest';
import type { InsideReport } from '@/lib/core/inside/types';
import { asInsideReport, bestReport, insideSummaryOf, kernelLabel, notReadReport, osReleaseLabel, packageNamesOf } from '@/lib/core/inside-reports/summary';
import { blindInsideReport } from '@/lib/core/inside-reports/blind';
import { createRedactor } from '@/lib/core/challenges/logic/redact';

const pkg = (name: string, version = '1') => ({ manager: 'dpkg' as const, name, version, purl: `pkg:deb/debian/${name}@${version}` });

function report(over: Partial<InsideReport> = {}): InsideReport {
  return { ...notReadReport('x'), status: 'read', reason: undefined, os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }, ...over };
}

describe('osReleaseLabel', () => {
  it('names the release series a person looks for', () => {
    expect(osReleaseLabel({ id: 'debian', versionId: '12' })).toBe('Debian 12');
    expect(osReleaseLabel({ id: 'debian', versionId: '12.7' })).toBe('Debian 12');
    expect(osReleaseLabel({ id: 'alpine', versionId: '3.20.3', name: 'Alpine Linux' })).toBe('Alpine 3.20');
    expect(osReleaseLabel({ id: 'ubuntu', versionId: '24.04' })).toBe('Ubuntu 24.04');
    expect(osReleaseLabel({ id: 'myos', name: 'My OS GNU/Linux', versionId: '7' })).toBe('My OS 7');
    expect(osReleaseLabel({ id: 'arch' })).toBe('Arch Linux');
    expect(osReleaseLabel(undefined)).toBeNull();
  });

  it('strips control characters and caps the length', () => {
    const label = osReleaseLabel({ id: 'x\u0007y', name: 'A'.repeat(500), versionId: '1' })!;
    expect(label).not.toMatch(/[\u0000-\u001f]/);
    expect(label.length).toBeLessThanOrEqual(60);
  });
});

describe('package summary and best report', () => {
  it('distinct, sorted package names; the newest kernel', () => {
    expect(packageNamesOf(report({ packages: [pkg('zlib1g'), pkg('bash'), pkg('bash', '2'), pkg('')] }))).toEqual(['bash', 'zlib1g']);
    expect(kernelLabel(report({ kernels: ['6.1.0-25-amd64', '6.1.0-26-amd64'] }))).toBe('6.1.0-26-amd64');
    expect(kernelLabel(report())).toBeNull();
  });

  it('prefers a read report over a partial one, then the one with more packages', () => {
    const partial = { insideStatus: 'PARTIAL' as const, inside: report({ status: 'partial', packages: [pkg('a'), pkg('b'), pkg('c')] }) };
    const small = { insideStatus: 'READ' as const, inside: report({ packages: [pkg('a')] }) };
    const big = { insideStatus: 'READ' as const, inside: report({ packages: [pkg('a'), pkg('b')] }) };
    expect(bestReport([partial, small, big])).toBe(big);
    expect(bestReport([])).toBeNull();
    expect(insideSummaryOf([partial, small])).toEqual({ osRelease: 'Debian 12', insidePackages: ['a'] });
    expect(insideSummaryOf([{ insideStatus: 'READ', inside: { nonsense: true } }])).toEqual({ osRelease: null, insidePackages: [] });
  });

  it('refuses stored values that are not reports', () => {
    expect(asInsideReport(null)).toBeNull();
    expect(asInsideReport([])).toBeNull();
    expect(asInsideReport({ schemaVersion: 2, packages: [] })).toBeNull();
    expect(asInsideReport(report())).not.toBeNull();
  });
});

describe('blindInsideReport', () => {
  it('drops labels and member names and redacts the entrant everywhere else', () => {
    const r = report({
      disk: { member: 'acme-corp-disk1.vmdk', format: 'vmdk-stream', virtualSizeBytes: 1 },
      filesystems: [{ partition: 1, type: 'ext4', readable: true, sizeBytes: 1, label: 'acmeroot' }],
      findings: [{ code: 'authorized-keys', severity: 'medium', title: 'Keys for alice', detail: 'Found for user alice of Acme Corp', paths: ['/home/alice/.ssh/authorized_keys'] }],
      packages: [pkg('acme-corp-tools')],
    });
    const blind = blindInsideReport(r, createRedactor(['Acme Corp', 'acme-corp', 'alice']));
    const text = JSON.stringify(blind);
    expect(text.toLowerCase()).not.toContain('acme');
    expect(text).not.toContain('alice');
    expect(blind.disk).toEqual({ format: 'vmdk-stream', virtualSizeBytes: 1 });
    expect(blind.filesystems[0]).not.toHaveProperty('label');
    expect(blind.findings[0].paths).toEqual(['/home/[redacted]/.ssh/authorized_keys']);
  });
});
