import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { saveScorecard, scorecardInputSchema } from '@/lib/server/challenges/save-scorecard';
import { challengeJson } from '@/lib/server/challenges/api-json';

/** PUT /api/v1/judging/entries/{entryId}/scorecard — save a draft ({ submit: false }) or submit. */
export const PUT = apiRoute<{ entryId: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const { entryId } = await params;
  const input = scorecardInputSchema.parse(await readJson(request, 100_000));
  return challengeJson(await saveScorecard(caller!.actor, entryId, input));
});
