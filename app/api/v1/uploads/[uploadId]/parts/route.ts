import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { listOwnUploadParts } from '@/lib/server/uploads/upload-parts';

const params = z.object({ uploadId: z.string() });

export const GET = apiRoute({ auth: 'required', scope: 'publish', params }, async ({ actor, params: { uploadId } }) =>
  json({ parts: await listOwnUploadParts(actor, uploadId) }, { cache: 'no-store' }),
);
