import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { withdrawEntry } from '@/lib/server/challenges/withdraw-entry';

/** DELETE /api/v1/challenges/{slug}/entries/{entryId} — the entrant withdraws, before the deadline. */
export const DELETE = apiRoute<{ slug: string; entryId: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'publish', required: true });
  const { entryId } = await params;
  await withdrawEntry(caller!.actor, entryId);
  return new Response(null, { status: 204 });
});
