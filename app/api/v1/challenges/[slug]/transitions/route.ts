import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/api/route';
import { authenticate } from '@/lib/api/authenticate';
import { transitionChallenge } from '@/lib/challenges/transition-challenge';
import { findChallengeIdBySlug } from '@/lib/challenges/service-support';
import { challengeJson } from '@/lib/challenges/api-json';

const transitionSchema = z.object({ action: z.enum(['open', 'close', 'publish', 'archive']) });

/** POST /api/v1/challenges/{slug}/transitions — { action }: admins move the challenge along its states. */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const { action } = transitionSchema.parse(await readJson(request, 10_000));
  const { slug } = await params;
  const result = await transitionChallenge(caller!.actor, await findChallengeIdBySlug(slug), action);
  return challengeJson(result);
});
