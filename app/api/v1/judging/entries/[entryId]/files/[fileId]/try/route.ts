import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { prepareJudgeTry } from '@/lib/server/try/prepare-try';

/**
 * GET /api/v1/judging/entries/{entryId}/files/{fileId}/try — for the entry's assigned judges: a
 * try session on the judge download's URL (in blind mode the anonymous copy). Judges' tries are
 * not counted as the appliance's. POST does the same, so the console needs one code path.
 */
const handler = apiRoute<{ entryId: string; fileId: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read', required: true });
  const { entryId, fileId } = await params;
  const s = await prepareJudgeTry(caller!.actor, entryId, fileId);
  return Response.json(
    { fileId: s.fileId, medium: s.medium, format: s.format, sizeBytes: s.sizeBytes, url: s.url, expiresAt: s.expiresAt, memoryMiB: s.memoryMiB, memoryCapped: s.memoryCapped },
    { headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } },
  );
});

export const GET = handler;
export const POST = handler;
