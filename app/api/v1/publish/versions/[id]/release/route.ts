import { apiRoute } from '@/lib/api/route';
import { json, publishingActor } from '@/lib/publishing/http';
import { releaseVersion } from '@/lib/appliances/version-lifecycle';

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  return json(await releaseVersion(actor, (await params).id));
});
