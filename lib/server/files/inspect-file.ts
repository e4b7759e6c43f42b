import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import { getObjectStream } from '@/lib/server/storage/s3';
import { inspectStream, type ApplianceMetadata, type InspectionReport } from '@/lib/core/inspect';
import { refreshApplianceFacets } from '@/lib/server/appliances/refresh-facets';

function osName(meta: ApplianceMetadata): string | null {
  const d = meta.os?.description?.trim();
  if (d) return d.slice(0, 120);
  return meta.os?.vmwOsType ?? null;
}

function diskBytes(meta: ApplianceMetadata): number | null {
  const total = meta.disks.reduce((sum, d) => sum + (d.capacityBytes ?? 0), 0);
  if (total > 0) return total;
  return meta.qcow2?.virtualSizeBytes ?? meta.vmdk?.capacityBytes ?? meta.box?.virtualSizeBytes ?? meta.raw?.sizeBytes ?? null;
}

/**
 * The verification of one uploaded file: streams the object from S3 exactly once through the
 * inspector, stores the verdict and what was learned, and on success fills the listing's empty
 * hardware requirements and refreshes its facets. Safe to run again (a retried job).
 */
export async function inspectFile(fileId: string, options: { signal?: AbortSignal } = {}): Promise<InspectionReport | null> {
  const { signal } = options;
  const file = await db.applianceFile.findUnique({
    where: { id: fileId },
    include: { version: { select: { applianceId: true } } },
  });
  if (!file || file.status === 'UPLOADING') return null;
  await db.applianceFile.update({ where: { id: fileId }, data: { status: 'INSPECTING' } });

  let report: InspectionReport;
  try {
    signal?.throwIfAborted();
    const stream = await getObjectStream(file.objectKey, undefined, signal);
    // The inspector turns a failing source into a verdict (STREAM_ERROR); a read cut by the object
    // store or by a stopping worker says nothing about the file, so it is retried instead.
    let sourceError: unknown;
    const watched = (async function* () {
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (e) {
        sourceError = e;
        throw e;
      }
    })();
    report = await inspectStream(watched, {
      fileName: file.fileName,
      declaredSize: Number(file.sizeBytes),
      expectedFormat: file.format,
      expectedSha256: file.clientSha256 ?? undefined,
    });
    if (sourceError !== undefined) throw sourceError;
    signal?.throwIfAborted();
  } catch (e) {
    // The object store failed (or the worker is stopping), not the file: leave it for the job's retry.
    await db.applianceFile.updateMany({ where: { id: fileId, status: 'INSPECTING' }, data: { status: 'PENDING' } });
    throw e;
  }

  const meta = report.metadata;
  const boxProvider = meta.box?.provider;
  if (report.verdict === 'VERIFIED' && file.format === 'VAGRANT_BOX' && file.provider && boxProvider && boxProvider !== file.provider) {
    report = {
      ...report,
      verdict: 'REJECTED',
      code: 'FORMAT_MISMATCH',
      reason: `The box's metadata.json names the provider "${boxProvider}", but it was uploaded as a "${file.provider}" box.`,
    };
  }

  await db.$transaction(async (tx) => {
    await tx.applianceFile.update({
      where: { id: fileId },
      data: {
        status: report.verdict,
        sha256: report.sha256,
        rejectCode: report.verdict === 'REJECTED' ? (report.code ?? 'REJECTED') : null,
        rejectReason: report.verdict === 'REJECTED' ? (report.reason ?? 'The file could not be verified.') : null,
        inspection: meta as unknown as Prisma.InputJsonValue,
        inspectedAt: new Date(),
        // Only a verified box's provider has passed the API's provider rule (lib/core/inspect validateReport).
        ...(report.verdict === 'VERIFIED' && file.format === 'VAGRANT_BOX' && !file.provider && boxProvider ? { provider: boxProvider } : {}),
      },
    });
    if (report.verdict !== 'VERIFIED') return;
    const appliance = await tx.appliance.findUniqueOrThrow({
      where: { id: file.version.applianceId },
      select: { minCpus: true, minMemoryMiB: true, minDiskBytes: true, osFamily: true, osName: true },
    });
    const disk = diskBytes(meta);
    await tx.appliance.update({
      where: { id: file.version.applianceId },
      data: {
        minCpus: appliance.minCpus ?? meta.cpus ?? null,
        minMemoryMiB: appliance.minMemoryMiB ?? meta.memoryMiB ?? null,
        minDiskBytes: appliance.minDiskBytes ?? (disk ? BigInt(Math.round(disk)) : null),
        osFamily: appliance.osFamily ?? meta.os?.family ?? null,
        osName: appliance.osName ?? osName(meta),
      },
    });
    await refreshApplianceFacets(file.version.applianceId, tx);
  });
  return report;
}
