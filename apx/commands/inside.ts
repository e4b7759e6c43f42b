import { open, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
import { parseReference } from '@/apx/reference';
import { insideRemote } from './inside-remote';
import { printInsideReport, type InsideOptions } from './inside-report';

/** publisher/appliance[@version], not a path: no leading ./, / or ~, exactly one slash before any @. */
const looksLikeReference = (target: string) => /^[^./~\\][^/\\@\s]*\/[^/\\@\s]+(@\S+)?$/.test(target);

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
