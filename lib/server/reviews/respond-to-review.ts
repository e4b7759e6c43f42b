import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, notFound } from '@/lib/core/errors';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { recordAudit } from '@/lib/server/audit/record-audit';

/** The listing's publisher answers a review (an empty reply removes the answer). */
export async function replyToReview(actor: Actor, reviewId: string, reply: string) {
  await enforceRateLimit(`review-reply:${actor.id}`, { window: 3600, max: 60 }, 'replies');
  const result = await db.review.updateMany({
    where: { id: reviewId, appliance: { publisher: { ownerId: actor.id } } },
    data: reply ? { reply, repliedAt: new Date() } : { reply: null, repliedAt: null },
  });
  if (result.count === 0) throw notFound('That review');
}

/** Anyone signed in may report a review once; reporting one's own review makes no sense. */
export async function reportReview(actor: Actor, reviewId: string, reason: string) {
  await enforceRateLimit(`review-report:${actor.id}`, { window: 3600, max: 30 }, 'reports');
  const review = await db.review.findFirst({
    where: { id: reviewId, hidden: false, appliance: { status: 'PUBLISHED' } },
    select: { userId: true },
  });
  if (!review) throw notFound('That review');
  if (review.userId === actor.id) throw new AppError('INVALID', 'You cannot report your own review.');
  try {
    await db.reviewReport.create({ data: { reviewId, reporterId: actor.id, reason } });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw new AppError('CONFLICT', 'You have already reported this review. A moderator will look at it.');
    }
    throw e;
  }
  await recordAudit({ actorId: actor.id, action: 'review.report', targetType: 'Review', targetId: reviewId, reason });
}
