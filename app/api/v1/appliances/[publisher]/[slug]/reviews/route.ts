import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { listApplianceReviews } from '@/lib/server/reviews/list-appliance-reviews';
import { saveReview } from '@/lib/server/reviews/save-review';
import { reviewInputSchema } from '@/lib/core/reviews/review-schemas';

const params = z.object({ publisher: z.string(), slug: z.string() });

/** GET …/reviews — newest first, cursor pagination. */
export const GET = apiRoute({ scope: 'read', params }, async ({ request, actor, params: { publisher, slug } }) => {
  const url = new URL(request.url);
  const limit = Number(url.searchParams.get('limit') ?? 20);
  return json(await listApplianceReviews(actor, publisher, slug, { cursor: url.searchParams.get('cursor'), limit }));
});

/**
 * POST …/reviews — create or replace the caller's review. A write: browser sessions, or tokens
 * with the `publish` scope (a read-only token cannot write anything).
 */
export const POST = apiRoute(
  { auth: 'required', scope: 'publish', params, body: reviewInputSchema, maxBodyBytes: 20_000 },
  async ({ actor, params: { publisher, slug }, body }) => {
    const review = await saveReview(actor, publisher, slug, body);
    return json({ id: review.id, rating: review.rating, body: review.body, createdAt: review.createdAt.toISOString(), updatedAt: review.updatedAt.toISOString() }, { status: 201 });
  },
);
