import { after } from 'next/server';
import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { clientIp } from '@/lib/core/http/client-ip';
import { prepareDownload } from '@/lib/server/downloads/prepare-download';
import { recordDownload } from '@/lib/server/downloads/record-download';

const params = z.object({ id: z.string() });

/**
 * GET /api/v1/files/{id}/download — 302 to a short-lived presigned URL of the bytes (the object
 * store serves Range requests, so downloads resume). Counted after the answer has gone out.
 */
export const GET = apiRoute({ scope: 'read', params }, async ({ request, actor, params: { id } }) => {
  const target = await prepareDownload(actor, id);
  const ip = clientIp(request.headers);
  after(() =>
    recordDownload({ fileId: target.fileId, applianceId: target.applianceId, userId: actor?.id ?? null, ip }).catch((e: unknown) =>
      console.error('[downloads] counting failed:', e),
    ),
  );
  return new Response(null, {
    status: 302,
    headers: { location: target.url, 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
  });
});
