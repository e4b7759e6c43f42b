import { apiRoute } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { submitAppliance } from '@/lib/server/appliances/submit-appliance';

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  return json(await submitAppliance(actor, (await params).id));
});
