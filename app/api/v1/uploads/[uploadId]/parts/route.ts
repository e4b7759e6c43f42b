import { apiRoute } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { listOwnUploadParts } from '@/lib/server/uploads/upload-parts';

export const GET = apiRoute<{ uploadId: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  return json({ parts: await listOwnUploadParts(actor, (await params).uploadId) });
});
