import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { createUploadRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createUpload } from '@/lib/server/uploads/create-upload';
import { listUnfinishedUploads } from '@/lib/server/uploads/list-unfinished-uploads';

export const POST = apiRoute(async (request) => {
  const actor = await publishingActor(request);
  const input = createUploadRequestSchema.parse(await readJson(request));
  return json(await createUpload(actor, input), 201);
});

const querySchema = z.object({ versionId: z.string().min(1).max(64).optional() });

export const GET = apiRoute(async (request) => {
  const actor = await publishingActor(request);
  const { versionId } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({ items: await listUnfinishedUploads(actor, { versionId }) });
});
