import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { castVote } from '@/lib/server/challenges/cast-vote';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';
import { challengeJson } from '@/lib/server/challenges/api-json';

const voteSchema = z.object({ entryId: z.string().min(1).max(40) });

/** PUT /api/v1/challenges/{slug}/votes — { entryId }: the caller's People's Choice vote in that entry's category. */
export const PUT = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const { entryId } = voteSchema.parse(await readJson(request, 10_000));
  const { slug } = await params;
  return challengeJson(await castVote(caller!.actor, await findChallengeIdBySlug(slug), entryId));
});
