import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { addChallengeJudge } from '@/lib/server/challenges/add-challenge-judge';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';

const params = z.object({ slug: z.string() });
const judgeSchema = z.object({ email: z.string().min(3).max(320) });

/** POST /api/v1/challenges/{slug}/judges — { email }: admins add a user with the JUDGE role to the panel. */
export const POST = apiRoute({ auth: 'required', scope: 'publish', params, body: judgeSchema, maxBodyBytes: 10_000 }, async ({ actor, params: { slug }, body }) => {
  const added = await addChallengeJudge(actor, await findChallengeIdBySlug(slug), body.email);
  return json({ id: added.id, user: { id: added.user.id, name: added.user.name } }, { status: 201 });
});
