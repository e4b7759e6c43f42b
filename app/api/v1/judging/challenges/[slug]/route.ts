import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { notFound } from '@/lib/core/errors';
import { getJudgeWorkspace } from '@/lib/server/challenges/get-judge-workspace';

const params = z.object({ slug: z.string() });

/** GET /api/v1/judging/challenges/{slug} — the caller's assignments in a challenge they judge. */
export const GET = apiRoute({ auth: 'required', scope: 'read', params }, async ({ actor, params: { slug } }) => {
  const workspace = await getJudgeWorkspace(actor, slug);
  if (!workspace) throw notFound('That challenge');
  return json(workspace);
});
