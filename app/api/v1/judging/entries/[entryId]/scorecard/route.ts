import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { saveScorecard, scorecardInputSchema } from '@/lib/server/challenges/save-scorecard';

const params = z.object({ entryId: z.string() });

/** PUT /api/v1/judging/entries/{entryId}/scorecard — save a draft ({ submit: false }) or submit. */
export const PUT = apiRoute({ auth: 'required', scope: 'publish', params, body: scorecardInputSchema, maxBodyBytes: 100_000 }, async ({ actor, params: { entryId }, body }) =>
  json(await saveScorecard(actor, entryId, body)),
);
