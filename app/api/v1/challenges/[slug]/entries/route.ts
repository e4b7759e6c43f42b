import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { listMyEntries } from '@/lib/server/challenges/list-my-entries';
import { enterChallenge } from '@/lib/server/challenges/enter-challenge';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';

const params = z.object({ slug: z.string() });

const entrySchema = z.object({
  category: z.string().min(1).max(80),
  versionId: z.string().min(1).max(40),
  statement: z.string().max(2000).optional(),
});

/** GET /api/v1/challenges/{slug}/entries — the caller's own entries and their state. */
export const GET = apiRoute({ auth: 'required', scope: 'read', params }, async ({ actor, params: { slug } }) =>
  json({ items: await listMyEntries(actor, await findChallengeIdBySlug(slug)) }),
);

/** POST /api/v1/challenges/{slug}/entries — { category (slug or id), versionId, statement? }. */
export const POST = apiRoute({ auth: 'required', scope: 'publish', params, body: entrySchema, maxBodyBytes: 20_000 }, async ({ actor, params: { slug }, body }) =>
  json(await enterChallenge(actor, slug, body), { status: 201 }),
);
