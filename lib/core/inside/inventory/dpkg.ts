import type { InsidePackage } from '@/lib/core/inside/types';
import { packageUrl, type Distro } from './purl';

/** Installed packages from /var/lib/dpkg/status (only "install ok installed"). */
export function parseDpkgStatus(text: string, distro: Distro): InsidePackage[] {
  const out: InsidePackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of stanza.split('\n')) {
      if (/^\s/.test(line)) continue; // continuation of a multi-line field (Description, Conffiles)
      const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (m) {
        last = m[1];
        fields.set(last, m[2].trim());
      }
    }
    if (fields.get('Status') !== 'install ok installed') continue;
    const name = fields.get('Package');
    const version = fields.get('Version');
    if (!name || !version) continue;
    const arch = fields.get('Architecture') || undefined;
    const source = fields.get('Source')?.split(' ')[0] || undefined;
    out.push({ manager: 'dpkg', name, version, arch, source, purl: packageUrl('dpkg', { name, version, arch }, distro) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.arch ?? '').localeCompare(b.arch ?? ''));
}
