import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { summarizeInspection } from '@/lib/core/files/inspection-summary';

/**
 * One of the caller's versions with its files and their verification. Its uploads still open are
 * the uploads service's (listUnfinishedUploads): uploads build on appliances, not the reverse.
 */
export async function getVersionEditor(actor: Actor, applianceId: string, versionId: string) {
  if (!actor.id || !applianceId || !versionId) throw notFound('That version');
  const v = await db.applianceVersion.findFirst({
    where: { id: versionId, applianceId, appliance: { publisher: { ownerId: actor.id } } },
    select: {
      id: true,
      version: true,
      status: true,
      changelog: true,
      releasedAt: true,
      revokedAt: true,
      revokeReason: true,
      createdAt: true,
      appliance: { select: { id: true, name: true, slug: true, status: true, publisher: { select: { handle: true } } } },
      files: {
        orderBy: [{ format: 'asc' }, { architecture: 'asc' }, { provider: 'asc' }],
        select: {
          id: true,
          format: true,
          architecture: true,
          provider: true,
          fileName: true,
          sizeBytes: true,
          status: true,
          sha256: true,
          clientSha256: true,
          rejectCode: true,
          rejectReason: true,
          inspection: true,
          inspectedAt: true,
          createdAt: true,
        },
      },
    },
  });
  if (!v) throw notFound('That version');
  return {
    version: {
      id: v.id,
      version: v.version,
      status: v.status,
      changelog: v.changelog,
      releasedAt: v.releasedAt,
      revokedAt: v.revokedAt,
      revokeReason: v.revokeReason,
      createdAt: v.createdAt,
    },
    appliance: { id: v.appliance.id, name: v.appliance.name, slug: v.appliance.slug, status: v.appliance.status, handle: v.appliance.publisher.handle },
    files: v.files
      .filter((f) => f.status !== 'UPLOADING')
      .map((f) => ({
        id: f.id,
        format: f.format,
        architecture: f.architecture,
        provider: f.provider,
        fileName: f.fileName,
        sizeBytes: Number(f.sizeBytes),
        status: f.status,
        sha256: f.sha256 ?? f.clientSha256,
        rejectCode: f.rejectCode,
        rejectReason: f.rejectReason,
        inspectedAt: f.inspectedAt,
        summary: f.status === 'VERIFIED' ? summarizeInspection(f.inspection) : null,
      })),
  };
}
