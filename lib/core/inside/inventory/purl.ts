import type { PackageManager } from '@/lib/core/inside/types';

export interface Distro {
  /** os-release ID, e.g. debian, ubuntu, alpine, fedora. */
  id?: string;
  versionId?: string;
}

const DEB_NAMESPACES = new Set(['debian', 'ubuntu', 'raspbian', 'devuan', 'kali', 'linuxmint', 'pop']);

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** The distro qualifier: debian-12, alpine-3.20 (Alpine by major.minor), fedora-40. */
export function distroQualifier(distro: Distro, manager: PackageManager): string | undefined {
  if (!distro.id) return undefined;
  let version = distro.versionId;
  if (version && manager === 'apk') version = version.split('.').slice(0, 2).join('.');
  return version ? `${distro.id}-${version}` : distro.id;
}

/** A package URL per the purl spec (deb, apk, rpm types); qualifiers sorted by key. */
export function packageUrl(
  manager: PackageManager,
  pkg: { name: string; version: string; arch?: string; epoch?: string },
  distro: Distro,
): string {
  const type = manager === 'dpkg' ? 'deb' : manager;
  const fallback = manager === 'dpkg' ? 'debian' : manager === 'apk' ? 'alpine' : 'rpm';
  let namespace = distro.id && /^[a-z0-9._-]+$/.test(distro.id) ? distro.id : fallback;
  if (manager === 'dpkg' && !DEB_NAMESPACES.has(namespace)) namespace = 'debian';
  const qualifiers: [string, string][] = [];
  if (pkg.arch) qualifiers.push(['arch', pkg.arch]);
  const d = distroQualifier(distro, manager);
  if (d) qualifiers.push(['distro', d]);
  if (pkg.epoch) qualifiers.push(['epoch', pkg.epoch]);
  qualifiers.sort((a, b) => a[0].localeCompare(b[0]));
  const q = qualifiers.length ? '?' + qualifiers.map(([k, v]) => `${k}=${enc(v)}`).join('&') : '';
  return `pkg:${type}/${enc(namespace)}/${enc(pkg.name)}@${enc(pkg.version)}${q}`;
}
