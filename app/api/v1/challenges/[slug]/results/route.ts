import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { notFound } from '@/lib/core/errors';
import { getPublicResults } from '@/lib/server/challenges/get-public-results';
import { challengeJson } from '@/lib/server/challenges/api-json';

/** GET /api/v1/challenges/{slug}/results — winners and rankings, once published. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  await authenticate(request, { scope: 'read' });
  const { slug } = await params;
  const results = await getPublicResults(slug);
  if (!results) throw notFound('Published results for that challenge');
  return challengeJson(results);
});
