import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { castVote } from '@/lib/server/challenges/cast-vote';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';

const params = z.object({ slug: z.string() });
const voteSchema = z.object({ entryId: z.string().min(1).max(40) });

/** PUT /api/v1/challenges/{slug}/votes — { entryId }: the caller's People's Choice vote in that entry's category. */
export const PUT = apiRoute({ auth: 'required', scope: 'publish', params, body: voteSchema, maxBodyBytes: 10_000 }, async ({ actor, params: { slug }, body }) =>
  json(await castVote(actor, await findChallengeIdBySlug(slug), body.entryId)),
);
