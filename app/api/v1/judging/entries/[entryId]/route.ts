import { apiRoute } from '@/lib/api/route';
import { authenticate } from '@/lib/api/authenticate';
import { notFound } from '@/lib/errors';
import { getJudgeEntry } from '@/lib/challenges/judge-view';
import { challengeJson } from '@/lib/challenges/api-json';

/** GET /api/v1/judging/entries/{entryId} — an assigned entry as its judge sees it (blind-safe). */
export const GET = apiRoute<{ entryId: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read', required: true });
  const { entryId } = await params;
  const view = await getJudgeEntry(caller!.actor, entryId);
  if (!view) throw notFound('That entry');
  return challengeJson(view);
});
