import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { findFile } from '@/lib/server/catalog/listing-access';
import { getJudgeDownloadUrl } from '@/lib/server/challenges/judge-download';
import { AppError, notFound } from '@/lib/core/errors';
import { presignGet } from '@/lib/server/storage/s3';
import type { TryMedium } from '@/lib/core/try/browser-trial';
import { decideTrial } from '@/lib/server/try/get-browser-trials';

/**
 * Seconds a try's disk URL stays valid. The console asks for a fresh one (same access decision)
 * a minute before it runs out, so a long session keeps reading.
 */
export const TRY_URL_TTL = 600;

export interface TrySession {
  fileId: string;
  applianceId: string;
  medium: TryMedium;
  /** The stored file's format: how the browser reads the disk out of it. */
  format: string;
  sizeBytes: number;
  /** Presigned GET of the disk, read by Range. */
  url: string;
  expiresAt: string;
  memoryMiB: number;
  memoryCapped: boolean;
  requiredMemoryMiB: number | null;
}

async function loadFacts(fileId: string) {
  return db.applianceFile.findUniqueOrThrow({
    where: { id: fileId },
    select: {
      id: true,
      format: true,
      architecture: true,
      status: true,
      objectKey: true,
      sizeBytes: true,
      version: { select: { appliance: { select: { id: true, minMemoryMiB: true } } } },
    },
  });
}

async function sessionFor(f: Awaited<ReturnType<typeof loadFacts>>, url: string, ttlSeconds: number): Promise<TrySession> {
  const required = f.version.appliance.minMemoryMiB;
  const trial = await decideTrial({ ...f, sizeBytes: Number(f.sizeBytes), downloadable: true }, required);
  if (!trial.offered) throw new AppError('CONFLICT', trial.reason);
  return {
    fileId: f.id,
    applianceId: f.version.appliance.id,
    medium: trial.medium,
    format: f.format,
    sizeBytes: Number(f.sizeBytes),
    url,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
    memoryMiB: trial.memoryMiB,
    memoryCapped: trial.memoryCapped,
    requiredMemoryMiB: required,
  };
}

/**
 * A try of a catalog file: exactly who may download it may try it (the download route's
 * decision); anything else is "not found", like a file that does not exist.
 */
export async function prepareTry(actor: Actor | null, fileId: string): Promise<TrySession> {
  const access = await findFile(actor, fileId);
  if (!access?.downloadable) throw notFound('That file');
  const f = await loadFacts(access.file.id);
  return sessionFor(f, await presignGet(f.objectKey, TRY_URL_TTL), TRY_URL_TTL);
}

/**
 * A judge's try of an assigned entry's file: the judge download's decision and URL (in blind
 * mode the anonymous copy, so nothing the browser sees names the entrant). Not counted.
 */
export async function prepareJudgeTry(actor: Actor, entryId: string, fileId: string): Promise<TrySession> {
  const { url } = await getJudgeDownloadUrl(actor, entryId, fileId);
  const f = await loadFacts(fileId);
  // The judge download's URL lives for its default five minutes.
  return sessionFor(f, url, 300);
}
