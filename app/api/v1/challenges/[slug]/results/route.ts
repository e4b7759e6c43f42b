import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { notFound } from '@/lib/core/errors';
import { getPublicResults } from '@/lib/server/challenges/get-public-results';

const params = z.object({ slug: z.string() });

/** GET /api/v1/challenges/{slug}/results — winners and rankings, once published. */
export const GET = apiRoute({ scope: 'read', params }, async ({ params: { slug } }) => {
  const results = await getPublicResults(slug);
  if (!results) throw notFound('Published results for that challenge');
  return json(results);
});
