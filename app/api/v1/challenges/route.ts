import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { createChallenge } from '@/lib/server/challenges/save-challenge';
import { listPublicChallenges } from '@/lib/server/challenges/list-public-challenges';
import { challengeJson } from '@/lib/server/challenges/api-json';

/** GET /api/v1/challenges — every challenge past DRAFT, with its state as the clock sees it. */
export const GET = apiRoute(async (request) => {
  await authenticate(request, { scope: 'read' });
  const items = await listPublicChallenges();
  return challengeJson({ items: items.map(({ id: _id, ...c }) => c) });
});

/** POST /api/v1/challenges — create a challenge in DRAFT (admins; the editor's fields as JSON). */
export const POST = apiRoute(async (request) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const input = challengeInputSchema.parse(await readJson(request, 200_000));
  const created = await createChallenge(caller!.actor, input);
  return challengeJson(created, { status: 201, headers: { location: `/api/v1/challenges/${created.slug}` } });
});
