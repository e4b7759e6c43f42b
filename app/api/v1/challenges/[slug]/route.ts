import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { notFound } from '@/lib/core/errors';
import { getPublicChallenge } from '@/lib/server/challenges/get-public-challenge';
import { challengeJson } from '@/lib/server/challenges/api-json';

/** GET /api/v1/challenges/{slug} — the public challenge: rules, categories, rubric, entries once judging starts. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read' });
  const { slug } = await params;
  const view = await getPublicChallenge(caller?.actor ?? null, slug);
  if (!view) throw notFound('That challenge');
  return challengeJson(view);
});
