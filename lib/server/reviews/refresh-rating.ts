import 'server-only';
import type { Prisma } from '@/lib/server/db';

/**
 * Recomputes a listing's average and count from its visible reviews, inside the caller's
 * transaction, after locking the listing's row: concurrent review writes on one listing queue up
 * instead of each computing from a view that misses the other.
 */
export async function lockListingForReviews(tx: Prisma.TransactionClient, applianceId: string) {
  await tx.$queryRaw`SELECT id FROM "Appliance" WHERE id = ${applianceId} FOR UPDATE`;
}

export async function refreshRating(tx: Prisma.TransactionClient, applianceId: string) {
  const agg = await tx.review.aggregate({ where: { applianceId, hidden: false }, _avg: { rating: true }, _count: { _all: true } });
  await tx.appliance.update({
    where: { id: applianceId },
    data: { ratingAvg: agg._avg.rating ?? 0, ratingCount: agg._count._all },
  });
}
