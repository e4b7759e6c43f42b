import type { InsidePackage } from '@/lib/core/inside/types';
import { packageUrl, type Distro } from './purl';

/** Installed packages from /lib/apk/db/installed (blocks of `X:value` lines). */
export function parseApkInstalled(text: string, distro: Distro): InsidePackage[] {
  const out: InsidePackage[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const f = new Map<string, string>();
    for (const line of block.split('\n')) {
      if (line.length > 2 && line[1] === ':' && !f.has(line[0])) f.set(line[0], line.slice(2).trim());
    }
    const name = f.get('P');
    const version = f.get('V');
    if (!name || !version) continue;
    const arch = f.get('A') || undefined;
    out.push({
      manager: 'apk',
      name,
      version,
      arch,
      source: f.get('o') || undefined,
      license: f.get('L') || undefined,
      purl: packageUrl('apk', { name, version, arch }, distro),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
