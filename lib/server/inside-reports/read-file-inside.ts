import 'server-only';
import os from 'node:os';
import { db, Prisma } from '@/lib/server/db';
import { env } from '@/lib/config/env';
import type { ByteSource, InsideReport } from '@/lib/core/inside/types';
import type { ReadInsideOptions } from '@/lib/core/inside/read-inside';
import { s3ByteSource } from '@/lib/server/storage/s3-byte-source';
import { refreshApplianceFacets } from '@/lib/server/appliances/refresh-facets';
import { insideStatusOf, notReadReport } from '@/lib/core/inside-reports/summary';

/** The core reader's signature (lib/core/inside): injected so tests can hand in their own. */
export type ReadInside = (source: ByteSource, opts: Pick<ReadInsideOptions, 'format' | 'tempDir' | 'diskBudgetBytes'>) => Promise<InsideReport>;

/** Raised when the object store, not the image, failed: the job retries. */
class StorageFailure extends Error {
  constructor(readonly cause: unknown) {
    super('The object store failed while reading the disk.');
  }
}

/**
 * Reads what is inside one verified file — OS, kernel, packages, services, findings — through
 * Range GETs on its object (only the blocks the reader asks for), stores the report with the file
 * and refreshes the listing's search summary. A file that is not verified is left alone. Whatever
 * goes wrong with the image itself ends as a "not read" report with the reason; the file stays
 * verified. An object-store failure is thrown, so the job is retried.
 */
export async function readFileInside(fileId: string, readInside: ReadInside): Promise<InsideReport | null> {
  const file = await db.applianceFile.findUnique({
    where: { id: fileId },
    select: { status: true, objectKey: true, fileName: true, sizeBytes: true, format: true, version: { select: { applianceId: true } } },
  });
  if (!file || file.status !== 'VERIFIED') return null;

  const s3 = s3ByteSource(file.objectKey, Number(file.sizeBytes), file.fileName);
  const source: ByteSource = {
    size: s3.size,
    name: s3.name,
    read: (offset, length) =>
      s3.read(offset, length).catch((e: unknown) => {
        // Our own bounds checks are the reader's mistake on a hostile image, not the store's.
        throw e instanceof RangeError ? e : new StorageFailure(e);
      }),
  };

  let report: InsideReport;
  try {
    report = await readInside(source, { format: file.format, tempDir: os.tmpdir(), diskBudgetBytes: env().INSIDE_DISK_BUDGET_BYTES });
  } catch (e) {
    if (e instanceof StorageFailure) throw e.cause;
    console.error(`[inside] file ${fileId}: the reader failed:`, e);
    report = notReadReport('The contents of this image could not be read: the reader stopped on something in it it does not understand.', s3.fetched());
  }

  await db.$transaction(async (tx) => {
    // Re-checked in the transaction: a file rejected or removed meanwhile keeps no report.
    const updated = await tx.applianceFile.updateMany({
      where: { id: fileId, status: 'VERIFIED' },
      data: { inside: report as unknown as Prisma.InputJsonValue, insideStatus: insideStatusOf(report), insideReadAt: new Date() },
    });
    if (updated.count === 1) await refreshApplianceFacets(file.version.applianceId, tx);
  });
  return report;
}
