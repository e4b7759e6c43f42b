import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { deleteObject } from '@/lib/server/storage/s3';
import { refreshApplianceFacets } from '@/lib/server/appliances/refresh-facets';

/**
 * Removes a file from one of the caller's versions: any file of a draft, and rejected files of a
 * release. A verified file of a release stays (people may have it); revoke the version instead.
 */
export async function removeOwnFile(actor: Actor, fileId: string) {
  if (!actor.id || !fileId) throw notFound('That file');
  const f = await db.applianceFile.findFirst({
    where: { id: fileId, version: { appliance: { publisher: { ownerId: actor.id } } } },
    select: { id: true, status: true, objectKey: true, version: { select: { status: true, applianceId: true } } },
  });
  if (!f) throw notFound('That file');
  if (f.status === 'UPLOADING') throw conflict('This file is still uploading; discard the upload instead.');
  if (f.status === 'INSPECTING') throw conflict('This file is being verified right now; try again in a moment.');
  if (f.version.status !== 'DRAFT' && f.status !== 'REJECTED') throw conflict('Files of a released version stay; revoke the version instead.');
  await db.$transaction(async (tx) => {
    await tx.applianceFile.delete({ where: { id: f.id } });
    await refreshApplianceFacets(f.version.applianceId, tx);
    await recordAudit({ actorId: actor.id, action: 'file.remove', targetType: 'ApplianceFile', targetId: f.id }, tx);
  });
  await deleteObject(f.objectKey).catch(() => {});
}
