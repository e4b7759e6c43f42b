import { after } from 'next/server';
import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { clientIp } from '@/lib/core/http/client-ip';
import { prepareTry, type TrySession } from '@/lib/server/try/prepare-try';
import { recordTry } from '@/lib/server/try/record-try';

const params = z.object({ id: z.string() });

const trySession = (s: TrySession) =>
  json(
    { fileId: s.fileId, medium: s.medium, format: s.format, sizeBytes: s.sizeBytes, url: s.url, expiresAt: s.expiresAt, memoryMiB: s.memoryMiB, memoryCapped: s.memoryCapped },
    { headers: { 'referrer-policy': 'no-referrer' } },
  );

/**
 * POST /api/v1/files/{id}/try — starts a "Try in browser" session: the disk's presigned URL
 * (read by Range), its size and the emulator's memory. Counted as a try, apart from downloads.
 * Only whoever may download the file may try it; anyone else gets 404.
 */
export const POST = apiRoute({ scope: 'read', params }, async ({ request, actor, params: { id } }) => {
  const session = await prepareTry(actor, id);
  const ip = clientIp(request.headers);
  after(() =>
    recordTry({ fileId: session.fileId, applianceId: session.applianceId, userId: actor?.id ?? null, ip }).catch((e: unknown) =>
      console.error('[try] counting failed:', e),
    ),
  );
  return trySession(session);
});

/** GET /api/v1/files/{id}/try — a fresh URL for a running session (same decision, not counted again). */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { id } }) => trySession(await prepareTry(actor, id)));
