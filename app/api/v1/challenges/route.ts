import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { createChallenge } from '@/lib/server/challenges/save-challenge';
import { listPublicChallenges } from '@/lib/server/challenges/list-public-challenges';

/** GET /api/v1/challenges — every challenge past DRAFT, with its state as the clock sees it. */
export const GET = apiRoute({ scope: 'read' }, async () => {
  const items = await listPublicChallenges();
  return json({ items: items.map(({ id: _id, ...c }) => c) });
});

/** POST /api/v1/challenges — create a challenge in DRAFT (admins; the editor's fields as JSON). */
export const POST = apiRoute({ auth: 'required', scope: 'publish', body: challengeInputSchema, maxBodyBytes: 200_000 }, async ({ actor, body }) => {
  const created = await createChallenge(actor, body);
  return json(created, { status: 201, headers: { location: `/api/v1/challenges/${created.slug}` } });
});
