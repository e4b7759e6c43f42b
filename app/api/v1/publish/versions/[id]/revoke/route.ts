import { apiRoute, readJson } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { revokeVersionRequestSchema } from '@/lib/core/publishing/api-schemas';
import { revokeVersion } from '@/lib/server/appliances/version-lifecycle';

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  const { reason } = revokeVersionRequestSchema.parse(await readJson(request));
  return json(await revokeVersion(actor, (await params).id, reason));
});
