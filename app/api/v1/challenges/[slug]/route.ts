import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { notFound } from '@/lib/core/errors';
import { getPublicChallenge } from '@/lib/server/challenges/get-public-challenge';

const params = z.object({ slug: z.string() });

/** GET /api/v1/challenges/{slug} — the public challenge: rules, categories, rubric, entries once judging starts. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { slug } }) => {
  const view = await getPublicChallenge(actor, slug);
  if (!view) throw notFound('That challenge');
  return json(view);
});
