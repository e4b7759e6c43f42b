import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { redirect } from '@/lib/server/http/respond';
import { getJudgeDownloadUrl } from '@/lib/server/challenges/judge-download';

const params = z.object({ entryId: z.string(), fileId: z.string() });

/**
 * GET /api/v1/judging/entries/{entryId}/files/{fileId}/download — for the entry's assigned
 * judges: a redirect to a short-lived presigned GET (Range and resume work against S3), saved
 * under an anonymous name in blind mode.
 */
export const GET = apiRoute({ auth: 'required', scope: 'read', params }, async ({ actor, params: { entryId, fileId } }) => {
  const { url } = await getJudgeDownloadUrl(actor, entryId, fileId);
  return redirect(url, { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
});
