// The "what's inside" report as apx prints it: shared by `apx inside <ref>` (report from the site)
// and `apx inside ./file` (read locally). Pure.
import type { InsideReport } from '@/lib/inside/types';
import { formatBytes } from '@/lib/format';
import { printable, table } from './text';

const MAX_PACKAGES_PRINTED = 20;

export function formatInsideReport(report: InsideReport, options: { title: string; allPackages?: boolean }): string {
  const lines = [printable(options.title), ''];
  if (report.status === 'not-read') {
    lines.push(`Not read: ${printable(report.reason ?? 'no reason given')}`);
    return lines.join('\n');
  }
  const kernel = report.kernels.length ? report.kernels[report.kernels.length - 1] : null;
  const facts: [string, string | null][] = [
    ['OS', report.os ? printable(report.os.prettyName ?? report.os.name ?? report.os.id) : 'not found'],
    ['Kernel', kernel ? printable(kernel) : 'none found'],
    ['Disk', report.disk ? `${report.disk.format}, ${formatBytes(report.disk.virtualSizeBytes)}${report.partitionTable && report.partitionTable !== 'none' ? `, ${report.partitionTable.toUpperCase()}` : ''}` : null],
    ['Filesystems', report.filesystems.map((f) => `${printable(f.type)}${f.partition ? ` (partition ${f.partition})` : ''}${f.readable ? '' : ' — not read'}`).join(', ') || null],
    ['Packages', String(report.packages.length)],
    ['Services', report.services.map((s) => printable(s.name)).join(', ') || 'none found'],
  ];
  for (const [label, value] of facts) if (value) lines.push(`${label.padEnd(12)} ${value}`);
  if (report.status === 'partial' && report.reason) lines.push(`${'Partial'.padEnd(12)} ${printable(report.reason)}`);

  lines.push('', report.findings.length ? `Findings (${report.findings.length}):` : 'Findings: none');
  for (const f of report.findings) {
    lines.push(`  [${f.severity}] ${printable(f.title)}`);
    lines.push(`         ${printable(f.detail)}`);
    if (f.paths?.length) lines.push(`         ${f.paths.slice(0, 5).map(printable).join(', ')}${f.paths.length > 5 ? ', …' : ''}`);
  }

  if (report.packages.length) {
    const shown = options.allPackages ? report.packages : report.packages.slice(0, MAX_PACKAGES_PRINTED);
    lines.push('', `Packages${shown.length < report.packages.length ? ` (first ${shown.length} of ${report.packages.length}; --all-packages for every one)` : ''}:`);
    lines.push(...table(['NAME', 'VERSION', 'ARCH', 'MANAGER'], shown.map((p) => [printable(p.name), printable(p.version), printable(p.arch ?? '—'), p.manager])).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}
