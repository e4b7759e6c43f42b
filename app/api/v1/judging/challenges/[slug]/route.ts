import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { notFound } from '@/lib/core/errors';
import { getJudgeWorkspace } from '@/lib/server/challenges/get-judge-workspace';
import { challengeJson } from '@/lib/server/challenges/api-json';

/** GET /api/v1/judging/challenges/{slug} — the caller's assignments in a challenge they judge. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read', required: true });
  const { slug } = await params;
  const workspace = await getJudgeWorkspace(caller!.actor, slug);
  if (!workspace) throw notFound('That challenge');
  return challengeJson(workspace);
});
