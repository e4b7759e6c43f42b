import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { findOwnAppliance } from '@/lib/server/appliances/own-appliance';
import { listingSelect, toListing } from '@/lib/server/appliances/listing-shape';

/** What still stands between a listing and review; empty when it can be submitted. */
export async function submissionProblems(applianceId: string): Promise<string[]> {
  const a = await db.appliance.findUniqueOrThrow({
    where: { id: applianceId },
    select: {
      summary: true,
      versions: { where: { status: 'RELEASED' }, select: { files: { where: { status: 'VERIFIED' }, select: { id: true }, take: 1 } } },
    },
  });
  const problems: string[] = [];
  if (!a.summary.trim()) problems.push('Write a one-line summary.');
  if (!a.versions.some((v) => v.files.length > 0)) problems.push('Release a version that has at least one verified file.');
  return problems;
}

/**
 * Sends a draft (or a rejected listing, after changes) to the moderators. Only a listing's first
 * publication is reviewed: once published it stays published while its publisher works on it.
 */
export async function submitAppliance(actor: Actor, applianceId: string) {
  const a = await findOwnAppliance(actor, applianceId, { id: true, status: true });
  if (a.status === 'IN_REVIEW') throw conflict('This listing is already waiting for review.');
  if (a.status === 'PUBLISHED' || a.status === 'UNLISTED') throw conflict('This listing has been published already; it needs no review.');
  const problems = await submissionProblems(a.id);
  if (problems.length) throw conflict(`Not ready for review yet: ${problems.join(' ')}`);
  return db.$transaction(async (tx) => {
    const { count } = await tx.appliance.updateMany({
      where: { id: a.id, status: { in: ['DRAFT', 'REJECTED'] } },
      data: { status: 'IN_REVIEW', submittedAt: new Date() },
    });
    if (count === 0) throw conflict('The listing changed meanwhile; reload and try again.');
    await recordAudit({ actorId: actor.id, action: 'listing.submit', targetType: 'Appliance', targetId: a.id }, tx);
    return toListing(await tx.appliance.findUniqueOrThrow({ where: { id: a.id }, select: listingSelect }));
  });
}

/** Takes a listing back from the queue to keep working on it. */
export async function withdrawSubmission(actor: Actor, applianceId: string) {
  const a = await findOwnAppliance(actor, applianceId, { id: true });
  const { count } = await db.appliance.updateMany({ where: { id: a.id, status: 'IN_REVIEW' }, data: { status: 'DRAFT', submittedAt: null } });
  if (count === 0) throw conflict('This listing is not waiting for review.');
  await recordAudit({ actorId: actor.id, action: 'listing.withdraw', targetType: 'Appliance', targetId: a.id });
}
