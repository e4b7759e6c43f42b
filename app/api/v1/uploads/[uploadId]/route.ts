import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { noContent } from '@/lib/server/http/respond';
import { abortUpload } from '@/lib/server/uploads/abort-upload';

const params = z.object({ uploadId: z.string() });

export const DELETE = apiRoute({ auth: 'required', scope: 'publish', params }, async ({ actor, params: { uploadId } }) => {
  await abortUpload(actor, uploadId);
  return noContent();
});
