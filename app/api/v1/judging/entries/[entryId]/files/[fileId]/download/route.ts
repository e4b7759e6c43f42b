import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { getJudgeDownloadUrl } from '@/lib/server/challenges/judge-download';

/**
 * GET /api/v1/judging/entries/{entryId}/files/{fileId}/download — for the entry's assigned
 * judges: a redirect to a short-lived presigned GET (Range and resume work against S3), saved
 * under an anonymous name in blind mode.
 */
export const GET = apiRoute<{ entryId: string; fileId: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read', required: true });
  const { entryId, fileId } = await params;
  const { url } = await getJudgeDownloadUrl(caller!.actor, entryId, fileId);
  return new Response(null, { status: 302, headers: { location: url, 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } });
});
