import { apiRoute } from '@/lib/api/route';
import { json, publishingActor } from '@/lib/publishing/http';
import { listOwnUploadParts } from '@/lib/uploads/upload-parts';

export const GET = apiRoute<{ uploadId: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  return json({ parts: await listOwnUploadParts(actor, (await params).uploadId) });
});
