import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { findOwnVersion } from '@/lib/server/appliances/own-appliance';
import { refreshApplianceFacets } from '@/lib/server/appliances/refresh-facets';
import { deleteObject, abortMultipartUpload } from '@/lib/server/storage/s3';

const versionSelect = {
  id: true,
  version: true,
  status: true,
  changelog: true,
  releasedAt: true,
  revokedAt: true,
  revokeReason: true,
  applianceId: true,
} as const;

function shape(v: { id: string; version: string; status: 'DRAFT' | 'RELEASED' | 'REVOKED'; changelog: string; releasedAt: Date | null; revokedAt: Date | null; revokeReason: string | null }) {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    changelog: v.changelog,
    releasedAt: v.releasedAt?.toISOString() ?? null,
    revokedAt: v.revokedAt?.toISOString() ?? null,
    revokeReason: v.revokeReason,
  };
}

/**
 * draft → released. Needs at least one verified file: a release is something people can download.
 * The state check is in the update's `where`, so two concurrent calls cannot both release.
 */
export async function releaseVersion(actor: Actor, versionId: string) {
  const v = await findOwnVersion(actor, versionId, { id: true, status: true, version: true, applianceId: true });
  if (v.status === 'RELEASED') throw conflict(`Version ${v.version} is already released.`);
  if (v.status === 'REVOKED') throw conflict(`Version ${v.version} was revoked; release a new version instead.`);
  const verified = await db.applianceFile.count({ where: { versionId: v.id, status: 'VERIFIED' } });
  if (verified === 0) throw conflict(`Version ${v.version} has no verified file yet. Upload a file and wait for its verification.`);
  return db.$transaction(async (tx) => {
    const { count } = await tx.applianceVersion.updateMany({ where: { id: v.id, status: 'DRAFT' }, data: { status: 'RELEASED', releasedAt: new Date() } });
    if (count === 0) throw conflict(`Version ${v.version} is no longer a draft.`);
    await refreshApplianceFacets(v.applianceId, tx);
    await recordAudit({ actorId: actor.id, action: 'version.release', targetType: 'ApplianceVersion', targetId: v.id, data: { version: v.version } }, tx);
    return shape(await tx.applianceVersion.findUniqueOrThrow({ where: { id: v.id }, select: versionSelect }));
  });
}

/** released → revoked. The version stays visible as revoked; its files are no longer downloadable. */
export async function revokeVersion(actor: Actor, versionId: string, reason: string) {
  const v = await findOwnVersion(actor, versionId, { id: true, status: true, version: true, applianceId: true });
  if (v.status !== 'RELEASED') throw conflict(v.status === 'REVOKED' ? `Version ${v.version} is already revoked.` : `Version ${v.version} is a draft: delete it instead.`);
  return db.$transaction(async (tx) => {
    const { count } = await tx.applianceVersion.updateMany({
      where: { id: v.id, status: 'RELEASED' },
      data: { status: 'REVOKED', revokedAt: new Date(), revokeReason: reason },
    });
    if (count === 0) throw conflict(`Version ${v.version} is no longer released.`);
    await refreshApplianceFacets(v.applianceId, tx);
    await recordAudit({ actorId: actor.id, action: 'version.revoke', targetType: 'ApplianceVersion', targetId: v.id, reason, data: { version: v.version } }, tx);
    return shape(await tx.applianceVersion.findUniqueOrThrow({ where: { id: v.id }, select: versionSelect }));
  });
}

/** The changelog can be corrected in drafts and releases, not in revoked versions. */
export async function updateChangelog(actor: Actor, versionId: string, changelog: string) {
  const v = await findOwnVersion(actor, versionId, { id: true, status: true, version: true });
  if (v.status === 'REVOKED') throw conflict('A revoked version cannot be edited.');
  if (changelog.length > 20_000) throw new AppError('INVALID', 'Use at most 20,000 characters.', { fields: { changelog: 'Use at most 20,000 characters.' } });
  const row = await db.applianceVersion.update({ where: { id: v.id }, data: { changelog }, select: versionSelect });
  return shape(row);
}

/** Deletes a draft version with its files (objects too) and unfinished uploads. */
export async function deleteDraftVersion(actor: Actor, versionId: string) {
  const v = await findOwnVersion(actor, versionId, {
    id: true,
    status: true,
    version: true,
    files: { select: { objectKey: true, status: true, upload: { select: { s3UploadId: true, state: true } } } },
  });
  if (v.status !== 'DRAFT') throw conflict('Only draft versions can be deleted; revoke a released version instead.');
  const { count } = await db.applianceVersion.deleteMany({ where: { id: v.id, status: 'DRAFT' } });
  if (count === 0) throw conflict('The version is no longer a draft.');
  await recordAudit({ actorId: actor.id, action: 'version.delete', targetType: 'ApplianceVersion', targetId: v.id, data: { version: v.version } });
  // Storage is cleaned after the rows are gone; a failure here leaves garbage, never a dangling row.
  for (const f of v.files) {
    if (f.upload?.state === 'ACTIVE') await abortMultipartUpload(f.objectKey, f.upload.s3UploadId).catch(() => {});
    else await deleteObject(f.objectKey).catch(() => {});
  }
}
