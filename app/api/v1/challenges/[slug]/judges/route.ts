import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { addChallengeJudge } from '@/lib/server/challenges/add-challenge-judge';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';
import { challengeJson } from '@/lib/server/challenges/api-json';

const judgeSchema = z.object({ email: z.string().min(3).max(320) });

/** POST /api/v1/challenges/{slug}/judges — { email }: admins add a user with the JUDGE role to the panel. */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const { email } = judgeSchema.parse(await readJson(request, 10_000));
  const { slug } = await params;
  const added = await addChallengeJudge(caller!.actor, await findChallengeIdBySlug(slug), email);
  return challengeJson({ id: added.id, user: { id: added.user.id, name: added.user.name } }, { status: 201 });
});
