import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ApiClient } from '@/apx/api-client';
import type { ApiFile } from '@/apx/api-types';
import { isVerifiedUnchanged, readCacheState, recordVerified, statOrNull } from '@/apx/cache';
import { chooseFile, getVersionFiles, resolveAppliance, hostArchitecture, parseArchitecture, parseFormat } from '@/apx/catalog';
import type { Context } from '@/apx/context';
import { downloadFile, hashFile, partPath } from '@/apx/download';
import { CliError } from '@/apx/exit-codes';
import { localNameProblem, parseReference, versionCacheDir } from '@/apx/reference';

export interface LocalFile {
  dir: string;
  path: string;
  /** Already in the cache, nothing downloaded. */
  cached: boolean;
  resumedFrom: number;
  bytesTransferred: number;
  rangeRequests: number;
}

export interface EnsureOptions {
  /** Download again even when a verified copy is there. */
  force?: boolean;
  /**
   * For launch: a copy verified earlier and changed since is a machine's disk that ran (QEMU
   * writes to raw and qcow2 files in place), not corruption, and is kept.
   */
  keepModified?: boolean;
}

function interruptAfter(ctx: Context): number | undefined {
  const value = ctx.io.env.APX_TEST_INTERRUPT_AFTER_BYTES;
  if (!value) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Puts a verified copy of `file` into the version's cache directory, downloading only what is missing. */
export async function ensureLocalFile(
  ctx: Context,
  client: ApiClient,
  target: { publisher: string; appliance: string; version: string },
  file: ApiFile,
  options: EnsureOptions = {},
): Promise<LocalFile> {
  const problem = localNameProblem(file.fileName);
  if (problem) throw new CliError('ERROR', `The site named the file ${JSON.stringify(file.fileName)}, which cannot be saved: ${problem}.`);
  if (!file.sha256) throw new CliError('ERROR', 'The site gave no SHA-256 for this file, so it cannot be verified: refusing to download it.');
  const sha256 = file.sha256.toLowerCase();
  const dir = versionCacheDir(ctx.cacheRoot, target.publisher, target.appliance, target.version);
  const dest = path.join(dir, file.fileName);
  await mkdir(dir, { recursive: true });
  const local = { dir, path: dest, cached: true, resumedFrom: 0, bytesTransferred: 0, rangeRequests: 0 };

  if (options.force) {
    await rm(dest, { force: true });
    await rm(partPath(dest), { force: true });
  } else if (await statOrNull(dest)) {
    if (await isVerifiedUnchanged(dir, file.fileName, file.id, sha256)) return local;
    const known = (await readCacheState(dir)).files[file.fileName];
    if (options.keepModified && known?.fileId === file.id && known.sha256 === sha256) return local;
    const bar = ctx.progress({ label: `Checking ${file.fileName}`, total: file.sizeBytes });
    const actual = await hashFile(dest, (n) => bar.add(n), ctx.io.signal);
    bar.finish();
    if (actual === sha256) {
      await recordVerified(dir, file.fileName, file.id, sha256, ctx.io.now());
      return local;
    }
    ctx.warn(`${dest} differs from the published file (a machine may have run on it): downloading it again.`);
    await rm(dest, { force: true });
  }

  const result = await downloadFile({
    client,
    fetch: ctx.io.fetch,
    fileId: file.id,
    dest,
    sha256,
    size: file.sizeBytes,
    signal: ctx.io.signal,
    label: file.fileName,
    progress: (p) => {
      if (p.initial > 0) ctx.info(`Resuming ${file.fileName} at ${p.initial} of ${p.total} bytes.`);
      return ctx.progress(p);
    },
    interruptAfterBytes: interruptAfter(ctx),
  });
  await recordVerified(dir, file.fileName, file.id, sha256, ctx.io.now());
  return { ...local, cached: false, resumedFrom: result.resumedFrom, bytesTransferred: result.bytesTransferred, rangeRequests: result.rangeRequests };
}

export interface PullOptions {
  format?: string;
  arch?: string;
  force?: boolean;
}

export async function pullCommand(ctx: Context, reference: string, options: PullOptions): Promise<void> {
  const ref = parseReference(reference);
  const format = options.format ? parseFormat(options.format) : undefined;
  const arch = options.arch ? parseArchitecture(options.arch) : undefined;
  const client = await ctx.client();
  const { detail, version } = await resolveAppliance(client, ref, ctx.io.signal);
  const name = `${ref.publisher}/${ref.appliance}@${version}`;
  const files = await getVersionFiles(client, ref, version, detail, ctx.io.signal);
  const file = chooseFile(files, { format, arch, hostArch: hostArchitecture(ctx.io.arch) }, name);
  const local = await ensureLocalFile(ctx, client, { ...ref, version }, file, { force: options.force });

  ctx.info(local.cached ? `Already pulled and verified: ${file.fileName}` : `Verified SHA-256 ${file.sha256!.toLowerCase()}`);
  ctx.result(
    {
      appliance: `${ref.publisher}/${ref.appliance}`,
      version,
      file: { id: file.id, format: file.format, architecture: file.architecture, fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 },
      path: local.path,
      cached: local.cached,
      resumedFrom: local.resumedFrom,
      bytesTransferred: local.bytesTransferred,
      rangeRequests: local.rangeRequests,
    },
    () => local.path,
  );
}
