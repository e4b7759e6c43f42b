import { apiRoute, readJson } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { createVersionRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createVersion } from '@/lib/server/appliances/create-version';

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  const input = createVersionRequestSchema.parse(await readJson(request));
  return json(await createVersion(actor, (await params).id, input), 201);
});
