import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { db } from '@/lib/server/db';
import { invalid } from '@/lib/core/errors';
import { createEntry } from '@/lib/server/challenges/create-entry';
import { listMyEntries } from '@/lib/server/challenges/list-my-entries';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';
import { challengeJson } from '@/lib/server/challenges/api-json';

const entrySchema = z.object({
  category: z.string().min(1).max(80),
  versionId: z.string().min(1).max(40),
  statement: z.string().max(2000).optional(),
});

/** GET /api/v1/challenges/{slug}/entries — the caller's own entries and their state. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read', required: true });
  const { slug } = await params;
  return challengeJson({ items: await listMyEntries(caller!.actor, await findChallengeIdBySlug(slug)) });
});

/** POST /api/v1/challenges/{slug}/entries — { category (slug or id), versionId, statement? }. */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const body = entrySchema.parse(await readJson(request, 20_000));
  const { slug } = await params;
  const challengeId = await findChallengeIdBySlug(slug);
  const category = await db.challengeCategory.findFirst({ where: { challengeId, OR: [{ id: body.category }, { slug: body.category }] }, select: { id: true } });
  if (!category) throw invalid('Choose one of this challenge’s categories.', { category: 'Unknown category.' });
  const entry = await createEntry(caller!.actor, { challengeId, categoryId: category.id, versionId: body.versionId, statement: body.statement });
  return challengeJson(entry, { status: 201 });
});
