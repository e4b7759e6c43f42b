import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { findListing } from '@/lib/server/catalog/listing-access';
import { notFound, invalid } from '@/lib/core/errors';
import { db } from '@/lib/server/db';
import { listReviews } from '@/lib/server/reviews/list-reviews';
import { saveReview } from '@/lib/server/reviews/save-review';
import { reviewInputSchema } from '@/lib/core/reviews/review-schemas';

type Params = { publisher: string; slug: string };

/** GET …/reviews — newest first, cursor pagination. */
export const GET = apiRoute<Params>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const actor = caller?.actor ?? null;
  const { publisher, slug } = await params;
  const access = await findListing(actor, publisher, slug);
  if (!access) throw notFound('That appliance');
  const url = new URL(request.url);
  const limit = Number(url.searchParams.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('Use a limit from 1 to 100.', { limit: 'Out of range.' });
  const [page, rating] = await Promise.all([
    listReviews(actor, access.applianceId, { cursor: url.searchParams.get('cursor'), limit }),
    db.appliance.findUniqueOrThrow({ where: { id: access.applianceId }, select: { ratingAvg: true, ratingCount: true } }),
  ]);
  return jsonResponse({ ...page, ...rating });
});

/**
 * POST …/reviews — create or replace the caller's review. A write: browser sessions, or tokens
 * with the `publish` scope (a read-only token cannot write anything).
 */
export const POST = apiRoute<Params>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const { publisher, slug } = await params;
  const input = reviewInputSchema.parse(await readJson(request, 20_000));
  const review = await saveReview(caller!.actor, publisher, slug, input);
  return jsonResponse({ id: review.id, rating: review.rating, body: review.body, createdAt: review.createdAt.toISOString(), updatedAt: review.updatedAt.toISOString() }, { status: 201 });
});
