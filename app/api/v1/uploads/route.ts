import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { createUploadRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createUpload } from '@/lib/server/uploads/create-upload';
import { listUnfinishedUploads } from '@/lib/server/uploads/list-unfinished-uploads';

export const POST = apiRoute({ auth: 'required', scope: 'publish', body: createUploadRequestSchema }, async ({ actor, body }) =>
  json(await createUpload(actor, body), { status: 201, cache: 'no-store' }),
);

const query = z.object({ versionId: z.string().min(1).max(64).optional() });

export const GET = apiRoute({ auth: 'required', scope: 'publish', query }, async ({ actor, query: { versionId } }) =>
  json({ items: await listUnfinishedUploads(actor, { versionId }) }, { cache: 'no-store' }),
);
