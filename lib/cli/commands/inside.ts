import { stat } from 'node:fs/promises';
import path from 'node:path';
import { detectFormat } from '@/lib/inspect/detect-format';
import { readInside } from '@/lib/inside/read-inside';
import { withFileSource } from '@/lib/inside/sources/file-source';
import { parseFormat } from '../catalog';
import type { Context } from '../context';
import { CliError } from '../exit-codes';
import { formatInsideReport } from '../inside-text';
import { parseReference } from '../reference';
import { insideRemote, type InsideOptions } from './inside-remote';

/** A path (it exists, or it is written like one) rather than publisher/appliance[@version]. */
async function isLocalPath(target: string): Promise<boolean> {
  if (/^(\.{1,2}|~)?[\\/]/.test(target) || path.isAbsolute(target)) return true;
  return stat(target).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * `apx inside <publisher/appliance[@version] | ./file>`: the report the site read, or the same
 * reader run on a local file before publishing, so a publisher sees the findings first.
 */
export async function insideCommand(ctx: Context, target: string, options: InsideOptions & { format?: string }): Promise<void> {
  if (!(await isLocalPath(target))) return insideRemote(ctx, parseReference(target), options);
  if (options.sbom) throw new CliError('USAGE', '--sbom is for published appliances: the site builds the SBOM from the report it stored.');
  const report = await withFileSource(target, async (source) => {
    const format = options.format ? parseFormat(options.format) : detectFormat(await source.read(0, 64 * 1024));
    if (!format) throw new CliError('USAGE', `Cannot tell the format of ${target}: pass --format.`);
    return readInside(source, { format });
  }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') throw new CliError('NOT_FOUND', `${target} does not exist.`);
    throw e;
  });
  ctx.result({ file: target, report }, () => formatInsideReport(report, { title: `What's inside ${path.basename(target)}`, allPackages: options.allPackages }));
}
