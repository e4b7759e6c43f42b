import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { prepareJudgeTry } from '@/lib/server/try/prepare-try';

const params = z.object({ entryId: z.string(), fileId: z.string() });

/**
 * GET /api/v1/judging/entries/{entryId}/files/{fileId}/try — for the entry's assigned judges: a
 * try session on the judge download's URL (in blind mode the anonymous copy). Judges' tries are
 * not counted as the appliance's. POST does the same, so the console needs one code path.
 */
const handler = apiRoute({ auth: 'required', scope: 'read', params }, async ({ actor, params: { entryId, fileId } }) => {
  const s = await prepareJudgeTry(actor, entryId, fileId);
  return json(
    { fileId: s.fileId, medium: s.medium, format: s.format, sizeBytes: s.sizeBytes, url: s.url, expiresAt: s.expiresAt, memoryMiB: s.memoryMiB, memoryCapped: s.memoryCapped },
    { headers: { 'referrer-policy': 'no-referrer' } },
  );
});

export const GET = handler;
export const POST = handler;
