import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { findListing } from '@/lib/server/catalog/listing-access';
import { AppError, notFound } from '@/lib/core/errors';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { lockListingForReviews, refreshRating } from '@/lib/server/reviews/refresh-rating';
import type { ReviewInput } from '@/lib/core/reviews/review-schemas';

/** Review writes per user per hour: enough to fix a typo many times, too few to flood. */
export const REVIEW_WRITES_PER_HOUR = 20;

/**
 * Creates or edits the caller's review of a published listing (one per user and listing) and
 * updates the listing's average and count in the same transaction. Publishers cannot review
 * their own listings; hidden listings are "not found".
 */
export async function saveReview(actor: Actor, publisherHandle: string, slug: string, input: ReviewInput) {
  const access = await findListing(actor, publisherHandle, slug);
  if (!access || access.facts.status !== 'PUBLISHED') throw notFound('That appliance');
  if (access.owner) throw new AppError('FORBIDDEN', 'You cannot review your own appliance. Reply to reviews instead.');
  await enforceRateLimit(`review-write:${actor.id}`, { window: 3600, max: REVIEW_WRITES_PER_HOUR }, 'review changes');
  return db.$transaction(async (tx) => {
    await lockListingForReviews(tx, access.applianceId);
    const review = await tx.review.upsert({
      where: { applianceId_userId: { applianceId: access.applianceId, userId: actor.id } },
      create: { applianceId: access.applianceId, userId: actor.id, rating: input.rating, body: input.body },
      update: { rating: input.rating, body: input.body },
      select: { id: true, rating: true, body: true, createdAt: true, updatedAt: true, hidden: true },
    });
    await refreshRating(tx, access.applianceId);
    return review;
  });
}

/** Deletes the caller's own review; anyone else's is "not found". */
export async function deleteOwnReview(actor: Actor, reviewId: string) {
  await enforceRateLimit(`review-write:${actor.id}`, { window: 3600, max: REVIEW_WRITES_PER_HOUR }, 'review changes');
  await db.$transaction(async (tx) => {
    const review = await tx.review.findFirst({ where: { id: reviewId, userId: actor.id }, select: { applianceId: true } });
    if (!review) throw notFound('That review');
    await lockListingForReviews(tx, review.applianceId);
    await tx.review.delete({ where: { id: reviewId } });
    await refreshRating(tx, review.applianceId);
  });
}
