import { apiRoute } from '@/lib/api/route';
import { json, publishingActor } from '@/lib/publishing/http';
import { submitAppliance } from '@/lib/appliances/submit-appliance';

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await publishingActor(request);
  return json(await submitAppliance(actor, (await params).id));
});
