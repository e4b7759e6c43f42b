// The report `apx inside` prints, for a local file (commands/inside.ts) and for one the site read
// (commands/inside-remote.ts): both import it, so neither imports the other.
import { formatBytes, formatCount } from '@/lib/core/format';
import type { InsideReport } from '@/lib/core/inside/types';
import type { Context } from '@/apx/context';
import { printable } from '@/apx/text';

export interface InsideOptions {
  sbom?: string;
  format?: string;
  /** Where a compressed box's disk is decompressed (default: the OS temp dir). */
  tempDir?: string;
}

const SEVERITY_ORDER = ['high', 'medium', 'low', 'info'] as const;

/**
 * Prints a report (text, or JSON with --json): the one printer for the local form and for
 * `apx inside publisher/appliance[@version]`, which fetches a stored report from the site.
 */
export function printInsideReport(ctx: Context, report: InsideReport, meta: { title: string; fileSizeBytes?: number; sbomFile?: string }): void {
  ctx.result({ ...report, ...(meta.sbomFile ? { sbomFile: meta.sbomFile } : {}) }, () => formatInsideReport(report, meta));
}

export function formatInsideReport(report: InsideReport, meta: { title: string; fileSizeBytes?: number }): string {
  const p = printable;
  const lines: string[] = [];
  const disk = report.disk
    ? `${report.disk.format} disk${report.disk.member ? ` ${p(report.disk.member)}` : ''}, ${formatBytes(report.disk.virtualSizeBytes)}`
    : 'no disk';
  lines.push(`${p(meta.title)}: ${report.status === 'read' ? 'read' : report.status === 'partial' ? 'partly read' : 'not read'} (${disk})`);
  if (report.reason) lines.push(`  ${p(report.reason)}`);
  lines.push('');
  const row = (label: string, value: string) => lines.push(`${label.padEnd(12)} ${value}`);
  row('OS', report.os ? p(report.os.prettyName ?? [report.os.name ?? report.os.id, report.os.versionId].filter(Boolean).join(' ')) : '—');
  row('Kernel', report.kernels.length ? report.kernels.map(p).join(', ') : '—');
  const managers = [...new Set(report.packages.map((x) => x.manager))];
  row('Packages', report.packages.length ? `${formatCount(report.packages.length)} (${managers.join(', ')})` : '—');
  if (report.services.length) {
    const byTarget = new Map<string, string[]>();
    for (const s of report.services) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s.name]);
    row('Services', `${formatCount(report.services.length)} enabled at boot`);
    for (const [target, names] of byTarget) lines.push(`${''.padEnd(12)}   ${p(target)}: ${names.map(p).join(', ')}`);
  } else row('Services', '—');
  const fsList = report.filesystems.map((f) => `${f.partition === null ? 'disk' : `#${f.partition}`} ${f.type}${f.readable ? '' : ' (not read)'}${f.note && f.readable ? ` (${p(f.note)})` : ''}`);
  row('Filesystems', fsList.length ? `${report.partitionTable && report.partitionTable !== 'none' ? `${report.partitionTable}: ` : ''}${fsList.join(', ')}` : '—');
  lines.push('');
  const findings = [...report.findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  if (!findings.length) lines.push('Findings: none');
  else {
    lines.push(`Findings (${findings.length}):`);
    for (const f of findings) {
      lines.push(`  ${f.severity.toUpperCase().padEnd(7)} ${p(f.title)}`);
      lines.push(`          ${p(f.detail)}`);
      for (const path of f.paths ?? []) lines.push(`          ${p(path)}`);
    }
  }
  if (meta.fileSizeBytes !== undefined) lines.push('', `Read ${formatBytes(report.bytesRead)} of ${formatBytes(meta.fileSizeBytes)}.`);
  return lines.join('\n');
}
