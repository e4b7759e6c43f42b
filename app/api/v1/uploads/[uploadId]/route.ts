import { apiRoute } from '@/lib/server/api/route';
import { publishingActor } from '@/lib/server/publishing/http';
import { abortUpload } from '@/lib/server/uploads/abort-upload';

export const DELETE = apiRoute<{ uploadId: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  await abortUpload(actor, (await params).uploadId);
  return new Response(null, { status: 204 });
});
