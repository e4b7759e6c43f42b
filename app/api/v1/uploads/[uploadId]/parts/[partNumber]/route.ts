import { apiRoute } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { partNumberSchema } from '@/lib/core/publishing/api-schemas';
import { signUploadPart } from '@/lib/server/uploads/upload-parts';

export const POST = apiRoute<{ uploadId: string; partNumber: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  const { uploadId, partNumber } = await params;
  return json(await signUploadPart(actor, uploadId, partNumberSchema.parse(partNumber)));
});
