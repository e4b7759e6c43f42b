import { apiRoute } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { releaseVersion } from '@/lib/server/appliances/version-lifecycle';

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  return json(await releaseVersion(actor, (await params).id));
});
