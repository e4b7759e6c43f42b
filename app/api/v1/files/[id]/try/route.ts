import { after } from 'next/server';
import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { clientIp } from '@/lib/core/http/client-ip';
import { prepareTry, type TrySession } from '@/lib/server/try/prepare-try';
import { recordTry } from '@/lib/server/try/record-try';

const json = (s: TrySession) =>
  Response.json(
    { fileId: s.fileId, medium: s.medium, format: s.format, sizeBytes: s.sizeBytes, url: s.url, expiresAt: s.expiresAt, memoryMiB: s.memoryMiB, memoryCapped: s.memoryCapped },
    { headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } },
  );

/**
 * POST /api/v1/files/{id}/try — starts a "Try in browser" session: the disk's presigned URL
 * (read by Range), its size and the emulator's memory. Counted as a try, apart from downloads.
 * Only whoever may download the file may try it; anyone else gets 404.
 */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  const actor = caller?.actor ?? null;
  const session = await prepareTry(actor, id);
  const ip = clientIp(request.headers);
  after(() =>
    recordTry({ fileId: session.fileId, applianceId: session.applianceId, userId: actor?.id ?? null, ip }).catch((e: unknown) =>
      console.error('[try] counting failed:', e),
    ),
  );
  return json(session);
});

/** GET /api/v1/files/{id}/try — a fresh URL for a running session (same decision, not counted again). */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  return json(await prepareTry(caller?.actor ?? null, id));
});
