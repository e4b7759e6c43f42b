import { apiRoute } from '@/lib/api/route';
import { json, publishingActor } from '@/lib/publishing/http';
import { partNumberSchema } from '@/lib/publishing/api-schemas';
import { signUploadPart } from '@/lib/uploads/upload-parts';

export const POST = apiRoute<{ uploadId: string; partNumber: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  const { uploadId, partNumber } = await params;
  return json(await signUploadPart(actor, uploadId, partNumberSchema.parse(partNumber)));
});
