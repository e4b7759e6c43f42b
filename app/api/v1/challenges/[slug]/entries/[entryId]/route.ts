import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { noContent } from '@/lib/server/http/respond';
import { withdrawEntry } from '@/lib/server/challenges/withdraw-entry';

const params = z.object({ slug: z.string(), entryId: z.string() });

/** DELETE /api/v1/challenges/{slug}/entries/{entryId} — the entrant withdraws, before the deadline. */
export const DELETE = apiRoute({ auth: 'required', scope: 'publish', params }, async ({ actor, params: { entryId } }) => {
  await withdrawEntry(actor, entryId);
  return noContent();
});
