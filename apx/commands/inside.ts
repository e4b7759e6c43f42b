import { open, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes, formatCount } from '@/lib/core/format';
import { readInside } from '@/lib/core/inside/read-inside';
import { buildSbom, type SbomSubject } from '@/lib/core/inside/sbom';
import { openFileSource } from '@/lib/core/inside/sources/file-source';
import type { InsideReport } from '@/lib/core/inside/types';
import type { PackageFormat } from '@/lib/core/inside/package/open-package-disk';
import { detectFormat } from '@/lib/core/inspect/detect-format';
import { parseFormat } from '@/apx/catalog';
import type { Context } from '@/apx/context';
import { hashFile } from '@/apx/download';
import { CliError } from '@/apx/exit-codes';
import { printable } from '@/apx/text';
import { parseReference } from '@/apx/reference';
import { insideRemote } from './inside-remote';

/** publisher/appliance[@version], not a path: no leading ./, / or ~, exactly one slash before any @. */
const looksLikeReference = (target: string) => /^[^./~\\][^/\\@\s]*\/[^/\\@\s]+(@\S+)?$/.test(target);

export interface InsideOptions {
  sbom?: string;
  format?: string;
  /** Where a compressed box's disk is decompressed (default: the OS temp dir). */
  tempDir?: string;
}

const SEVERITY_ORDER = ['high', 'medium', 'low', 'info'] as const;

/**
 * `apx inside publisher/appliance[@version]`: the report the site read (commands/inside-remote.ts);
 * `apx inside ./file`: the same reader as the site, on a local file, before publishing it.
 */
export async function insideCommand(ctx: Context, target: string, options: InsideOptions): Promise<void> {
  if (!(await isLocalFile(target)) && looksLikeReference(target)) return insideRemote(ctx, parseReference(target), options);
  if (!(await isLocalFile(target))) {
    throw new CliError('USAGE', `${target} is not a local file.`, {
      hint: 'Give the path of an OVA, OVF zip, VMDK, qcow2, raw disk, ISO or Vagrant box, e.g. apx inside ./my-appliance.ova',
    });
  }
  const file = path.resolve(target);
  const format = options.format ? (parseFormat(options.format) as PackageFormat) : await localFormat(file);
  const source = await openFileSource(file);
  let report: InsideReport;
  try {
    ctx.info(`Reading the disk inside ${path.basename(file)} (${format.toLowerCase()})…`);
    report = await readInside(source, { format, tempDir: options.tempDir, signal: ctx.io.signal });
  } catch (e) {
    if (ctx.io.signal.aborted) throw new CliError('INTERRUPTED', 'Interrupted.');
    throw e;
  } finally {
    await source.close();
  }
  let sbomFile: string | undefined;
  if (options.sbom) {
    const bar = ctx.progress({ label: 'SHA-256', total: source.size });
    const sha256 = await hashFile(file, (n) => bar.add(n), ctx.io.signal);
    bar.finish();
    const base = path.basename(file);
    sbomFile = path.resolve(options.sbom);
    await writeInsideSbom(sbomFile, report, { applianceName: base.replace(/\.[^.]+$/, ''), version: 'local', fileName: base, sha256 });
    ctx.info(`SBOM (CycloneDX 1.6) written to ${sbomFile}`);
  }
  printInsideReport(ctx, report, { title: path.basename(file), fileSizeBytes: source.size, sbomFile });
}

/** Writes the CycloneDX SBOM of a report as JSON. */
export async function writeInsideSbom(file: string, report: InsideReport, subject: SbomSubject): Promise<void> {
  await writeFile(file, `${JSON.stringify(buildSbom(report, subject), null, 2)}\n`);
}

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

async function isLocalFile(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}

/** The format from the file's first bytes, as the site's inspector sees it; a bare disk is RAW. */
async function localFormat(file: string): Promise<PackageFormat> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return (detectFormat(head.subarray(0, bytesRead)) ?? 'RAW') as PackageFormat;
  } finally {
    await handle.close();
  }
}
