import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { findFile } from '@/lib/server/catalog/listing-access';
import { notFound } from '@/lib/core/errors';
import type { InsideReport } from '@/lib/core/inside/types';
import { asInsideReport, type InsideStatusName } from '@/lib/core/inside-reports/summary';

export interface FileInside {
  fileId: string;
  fileName: string;
  sha256: string | null;
  version: string;
  appliance: { publisher: string; slug: string; name: string };
  /** PENDING until the worker has read it (also for files verified before this feature). */
  status: InsideStatusName;
  readAt: string | null;
  report: InsideReport | null;
}

/**
 * What is inside one file, for whoever may download it — the download route's own decision
 * (findFile → downloadable) — and "not found" for everyone else, like the file itself.
 */
export async function getFileInside(actor: Actor | null, fileId: string): Promise<FileInside> {
  const access = await findFile(actor, fileId);
  if (!access?.downloadable) throw notFound('That file');
  const f = await db.applianceFile.findUniqueOrThrow({
    where: { id: access.file.id },
    select: {
      id: true,
      fileName: true,
      sha256: true,
      insideStatus: true,
      inside: true,
      insideReadAt: true,
      version: { select: { version: true, appliance: { select: { slug: true, name: true, publisher: { select: { handle: true } } } } } },
    },
  });
  const report = f.insideStatus && f.insideStatus !== 'PENDING' ? asInsideReport(f.inside) : null;
  return {
    fileId: f.id,
    fileName: f.fileName,
    sha256: f.sha256,
    version: f.version.version,
    appliance: { publisher: f.version.appliance.publisher.handle, slug: f.version.appliance.slug, name: f.version.appliance.name },
    status: report ? (f.insideStatus ?? 'PENDING') : 'PENDING',
    readAt: report ? (f.insideReadAt?.toISOString() ?? null) : null,
    report,
  };
}
