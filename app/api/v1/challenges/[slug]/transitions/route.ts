import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';
import { challengeJson } from '@/lib/server/challenges/api-json';

const transitionSchema = z.object({ action: z.enum(['open', 'close', 'publish', 'archive']) });

/** POST /api/v1/challenges/{slug}/transitions — { action }: admins move the challenge along its states. */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const { action } = transitionSchema.parse(await readJson(request, 10_000));
  const { slug } = await params;
  const result = await transitionChallenge(caller!.actor, await findChallengeIdBySlug(slug), action);
  return challengeJson(result);
});
