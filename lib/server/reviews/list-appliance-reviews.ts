import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { invalid, notFound } from '@/lib/core/errors';
import { findListing } from '@/lib/server/catalog/listing-access';
import { listReviews } from '@/lib/server/reviews/list-reviews';

/**
 * A page of a listing's reviews with its rating, for a caller who may see the listing (anyone
 * else is told it does not exist). The page size is checked after the listing, so a hidden
 * listing answers 404 whatever is asked of it.
 */
export async function listApplianceReviews(actor: Actor | null, publisher: string, slug: string, page: { cursor: string | null; limit: number }) {
  const access = await findListing(actor, publisher, slug);
  if (!access) throw notFound('That appliance');
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 100) throw invalid('Use a limit from 1 to 100.', { limit: 'Out of range.' });
  const [reviews, rating] = await Promise.all([
    listReviews(actor, access.applianceId, page),
    db.appliance.findUniqueOrThrow({ where: { id: access.applianceId }, select: { ratingAvg: true, ratingCount: true } }),
  ]);
  return { ...reviews, ...rating };
}
