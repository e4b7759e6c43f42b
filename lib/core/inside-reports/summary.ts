// Pure: what search and facets keep from a file's InsideReport, and the labels the site shows.
import type { InsideReport } from '@/lib/core/inside/types';

/** At most this many package names per appliance go into the search document. */
export const MAX_SEARCH_PACKAGES = 5000;

const DISTRO_NAMES: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  fedora: 'Fedora',
  centos: 'CentOS',
  rhel: 'RHEL',
  rocky: 'Rocky Linux',
  almalinux: 'AlmaLinux',
  opensuse: 'openSUSE',
  'opensuse-leap': 'openSUSE Leap',
  arch: 'Arch Linux',
  amzn: 'Amazon Linux',
  ol: 'Oracle Linux',
  photon: 'Photon OS',
  devuan: 'Devuan',
  raspbian: 'Raspbian',
};

const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();

/**
 * The OS release as a facet value a person recognises: "Debian 12", "Alpine 3.20", "Ubuntu 24.04".
 * Minor releases fold into their series (Alpine 3.20.3 → 3.20, Debian 12.7 → 12).
 */
export function osReleaseLabel(os: InsideReport['os']): string | null {
  if (!os?.id) return null;
  const id = clean(os.id).toLowerCase();
  const name = DISTRO_NAMES[id] ?? (clean(os.name ?? '').replace(/\s*GNU\/Linux$/i, '').replace(/\s+Linux$/i, '') || id);
  const version = clean(os.versionId ?? '');
  if (!version) return name.slice(0, 60);
  const parts = version.split('.');
  // Debian, Fedora, RHEL count majors; Alpine and Ubuntu name their series with two numbers.
  const series = ['debian', 'fedora', 'rhel', 'centos', 'rocky', 'almalinux', 'devuan', 'raspbian', 'ol'].includes(id) ? parts[0] : parts.slice(0, 2).join('.');
  return `${name} ${series}`.slice(0, 60);
}

/** The kernel line the site shows: the newest kernel found (versions sort as the image lists them). */
export function kernelLabel(report: Pick<InsideReport, 'kernels'>): string | null {
  return report.kernels.length ? report.kernels[report.kernels.length - 1] : null;
}

/** Distinct package names, sorted, capped for the search document. */
export function packageNamesOf(report: Pick<InsideReport, 'packages'>): string[] {
  return [...new Set(report.packages.map((p) => clean(p.name)).filter((n) => n.length > 0 && n.length <= 200))].sort().slice(0, MAX_SEARCH_PACKAGES);
}

export type InsideStatusName = 'PENDING' | 'READ' | 'PARTIAL' | 'NOT_READ';

export function insideStatusOf(report: Pick<InsideReport, 'status'>): Exclude<InsideStatusName, 'PENDING'> {
  return report.status === 'read' ? 'READ' : report.status === 'partial' ? 'PARTIAL' : 'NOT_READ';
}

/** A report saying the contents were not read, and why (the job's own failures end here). */
export function notReadReport(reason: string, bytesRead = 0): InsideReport {
  return { schemaVersion: 1, status: 'not-read', reason, filesystems: [], kernels: [], packages: [], services: [], findings: [], bytesRead };
}

const STATUS_RANK: Record<InsideStatusName, number> = { READ: 0, PARTIAL: 1, NOT_READ: 2, PENDING: 3 };

/** Of one version's files, the one whose report to show: read beats partial beats not read, then more packages. */
export function bestReport<T extends { insideStatus: InsideStatusName | null; inside: InsideReport | null }>(files: T[]): T | null {
  const ranked = files
    .filter((f) => f.insideStatus !== null)
    .sort((a, b) => STATUS_RANK[a.insideStatus!] - STATUS_RANK[b.insideStatus!] || (b.inside?.packages.length ?? 0) - (a.inside?.packages.length ?? 0));
  return ranked[0] ?? null;
}

/** A stored report column read back: ours, but checked before it is trusted as a report. */
export function asInsideReport(value: unknown): InsideReport | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const r = value as Partial<InsideReport>;
  if (r.schemaVersion !== 1 || !Array.isArray(r.packages) || !Array.isArray(r.findings) || !Array.isArray(r.kernels) || !Array.isArray(r.services) || !Array.isArray(r.filesystems)) return null;
  return r as InsideReport;
}

/** The listing's search summary from its newest release's files: OS release and package names. */
export function insideSummaryOf(files: { insideStatus: InsideStatusName | null; inside: unknown }[]): { osRelease: string | null; insidePackages: string[] } {
  const best = bestReport(files.map((f) => ({ insideStatus: f.insideStatus, inside: asInsideReport(f.inside) })).filter((f) => f.inside));
  if (!best?.inside) return { osRelease: null, insidePackages: [] };
  return { osRelease: osReleaseLabel(best.inside.os), insidePackages: packageNamesOf(best.inside) };
}
