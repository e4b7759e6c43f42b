import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { partNumberSchema } from '@/lib/core/publishing/api-schemas';
import { signUploadPart } from '@/lib/server/uploads/upload-parts';

const params = z.object({ uploadId: z.string(), partNumber: partNumberSchema });

export const POST = apiRoute({ auth: 'required', scope: 'publish', params }, async ({ actor, params: { uploadId, partNumber } }) =>
  json(await signUploadPart(actor, uploadId, partNumber), { cache: 'no-store' }),
);
