import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { notFound } from '@/lib/core/errors';
import { getJudgeEntry } from '@/lib/server/challenges/get-judge-entry';
import { challengeJson } from '@/lib/server/challenges/api-json';

/** GET /api/v1/judging/entries/{entryId} — an assigned entry as its judge sees it (blind-safe). */
export const GET = apiRoute<{ entryId: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read', required: true });
  const { entryId } = await params;
  const view = await getJudgeEntry(caller!.actor, entryId);
  if (!view) throw notFound('That entry');
  return challengeJson(view);
});
