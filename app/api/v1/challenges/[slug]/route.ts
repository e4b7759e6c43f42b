import { apiRoute } from '@/lib/api/route';
import { authenticate } from '@/lib/api/authenticate';
import { notFound } from '@/lib/errors';
import { getPublicChallenge } from '@/lib/challenges/public-views';
import { challengeJson } from '@/lib/challenges/api-json';

/** GET /api/v1/challenges/{slug} — the public challenge: rules, categories, rubric, entries once judging starts. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read' });
  const { slug } = await params;
  const view = await getPublicChallenge(caller?.actor ?? null, slug);
  if (!view) throw notFound('That challenge');
  return challengeJson(view);
});
