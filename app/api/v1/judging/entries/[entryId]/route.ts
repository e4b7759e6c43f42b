import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { notFound } from '@/lib/core/errors';
import { getJudgeEntry } from '@/lib/server/challenges/get-judge-entry';

const params = z.object({ entryId: z.string() });

/** GET /api/v1/judging/entries/{entryId} — an assigned entry as its judge sees it (blind-safe). */
export const GET = apiRoute({ auth: 'required', scope: 'read', params }, async ({ actor, params: { entryId } }) => {
  const view = await getJudgeEntry(actor, entryId);
  if (!view) throw notFound('That entry');
  return json(view);
});
