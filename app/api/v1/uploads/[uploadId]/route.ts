import { apiRoute } from '@/lib/api/route';
import { publishingActor } from '@/lib/publishing/http';
import { abortUpload } from '@/lib/uploads/abort-upload';

export const DELETE = apiRoute<{ uploadId: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  await abortUpload(actor, (await params).uploadId);
  return new Response(null, { status: 204 });
});
