import 'server-only';
import { db } from '@/lib/server/db';
import { isAdmin, type Actor } from '@/lib/core/auth/roles';
import { conflict, forbidden, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { refreshApplianceFacets } from '@/lib/server/appliances/refresh-facets';
import type { ModerationRequest } from '@/lib/core/publishing/api-schemas';

/**
 * An admin's decision on a listing waiting for review. Approving publishes it (first publication
 * date kept if it had one); rejecting sends it back with a reason its publisher sees. Either way
 * the decision is in the audit log and the publisher gets a notification.
 */
export async function moderateAppliance(actor: Actor, applianceId: string, input: ModerationRequest) {
  if (!isAdmin(actor)) throw forbidden('Only admins moderate listings.');
  const a = await db.appliance.findUnique({
    where: { id: applianceId },
    select: { id: true, name: true, slug: true, status: true, publishedAt: true, publisher: { select: { ownerId: true, handle: true } } },
  });
  if (!a) throw notFound('That appliance');
  if (a.status !== 'IN_REVIEW') throw conflict(`This listing is not waiting for review (it is ${a.status.replace('_', ' ').toLowerCase()}).`);
  const approve = input.decision === 'approve';
  const reason = input.reason?.trim() || null;
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.appliance.updateMany({
      where: { id: a.id, status: 'IN_REVIEW' },
      data: approve
        ? { status: 'PUBLISHED', publishedAt: a.publishedAt ?? now, reviewNote: null }
        : { status: 'REJECTED', reviewNote: reason },
    });
    if (count === 0) throw conflict('Someone else decided on this listing meanwhile.');
    if (approve) await refreshApplianceFacets(a.id, tx);
    await recordAudit(
      { actorId: actor.id, action: approve ? 'listing.approve' : 'listing.reject', targetType: 'Appliance', targetId: a.id, reason },
      tx,
    );
    await tx.notification.create({
      data: {
        userId: a.publisher.ownerId,
        kind: approve ? 'listing.approved' : 'listing.rejected',
        title: approve ? `${a.name} is published` : `${a.name} was not approved`,
        body: approve ? 'Your listing passed review and is now public.' : (reason ?? ''),
        link: approve ? `/appliances/${a.publisher.handle}/${a.slug}` : `/publish/appliances/${a.id}`,
      },
    });
    const row = await tx.appliance.findUniqueOrThrow({ where: { id: a.id }, select: { id: true, status: true, reviewNote: true, publishedAt: true } });
    return { id: row.id, status: row.status, reviewNote: row.reviewNote, publishedAt: row.publishedAt?.toISOString() ?? null };
  });
}
