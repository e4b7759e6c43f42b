import 'server-only';
import { db } from '@/lib/server/db';
import { isAdmin, type Actor } from '@/lib/core/auth/roles';
import { forbidden, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { lockListingForReviews, refreshRating } from '@/lib/server/reviews/refresh-rating';

function requireAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden('Only admins moderate reviews.');
}

/** Reviews with reports nobody has dealt with yet, most reported first (admins only). */
export async function listReportedReviews(actor: Actor, options: { include?: 'open' | 'all' } = {}) {
  requireAdmin(actor);
  const rows = await db.review.findMany({
    where: options.include === 'all' ? { reports: { some: {} } } : { reports: { some: { resolvedAt: null } } },
    select: {
      id: true,
      rating: true,
      body: true,
      hidden: true,
      hiddenReason: true,
      createdAt: true,
      user: { select: { name: true, email: true } },
      appliance: { select: { name: true, slug: true, publisher: { select: { handle: true } } } },
      reports: { orderBy: { createdAt: 'asc' }, select: { id: true, reason: true, createdAt: true, resolvedAt: true, reporter: { select: { name: true } } } },
    },
    take: 200,
  });
  return rows
    .map((r) => ({ ...r, openReports: r.reports.filter((x) => !x.resolvedAt).length }))
    .sort((a, b) => b.openReports - a.openReports || b.createdAt.getTime() - a.createdAt.getTime());
}

/** Hides or shows a review again; its open reports are resolved either way and the rating recomputed. */
export async function setReviewHidden(actor: Actor, reviewId: string, hidden: boolean, reason: string | null) {
  requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, select: { applianceId: true } });
    if (!review) throw notFound('That review');
    await lockListingForReviews(tx, review.applianceId);
    await tx.review.update({
      where: { id: reviewId },
      data: hidden ? { hidden: true, hiddenReason: reason, hiddenAt: new Date() } : { hidden: false, hiddenReason: null, hiddenAt: null },
    });
    await tx.reviewReport.updateMany({ where: { reviewId, resolvedAt: null }, data: { resolvedAt: new Date() } });
    await refreshRating(tx, review.applianceId);
    await recordAudit({ actorId: actor.id, action: hidden ? 'review.hide' : 'review.unhide', targetType: 'Review', targetId: reviewId, reason }, tx);
  });
}

/** Closes a review's reports without hiding it. */
export async function dismissReports(actor: Actor, reviewId: string) {
  requireAdmin(actor);
  const result = await db.reviewReport.updateMany({ where: { reviewId, resolvedAt: null }, data: { resolvedAt: new Date() } });
  if (result.count === 0) throw notFound('Open reports on that review');
  await recordAudit({ actorId: actor.id, action: 'review.dismiss_reports', targetType: 'Review', targetId: reviewId });
}
