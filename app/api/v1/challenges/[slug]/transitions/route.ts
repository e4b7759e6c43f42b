import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';

const params = z.object({ slug: z.string() });
const transitionSchema = z.object({ action: z.enum(['open', 'close', 'publish', 'archive']) });

/** POST /api/v1/challenges/{slug}/transitions — { action }: admins move the challenge along its states. */
export const POST = apiRoute({ auth: 'required', scope: 'publish', params, body: transitionSchema, maxBodyBytes: 10_000 }, async ({ actor, params: { slug }, body }) =>
  json(await transitionChallenge(actor, await findChallengeIdBySlug(slug), body.action)),
);
