import { apiRoute, readJson } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { updateListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { getOwnListing, updateAppliance } from '@/lib/server/appliances/update-appliance';

type Params = { id: string };

export const GET = apiRoute<Params>(async (request, { params }) => {
  const actor = await publishingActor(request);
  return json(await getOwnListing(actor, (await params).id));
});

export const PATCH = apiRoute<Params>(async (request, { params }) => {
  const actor = await publishingActor(request);
  const input = updateListingRequestSchema.parse(await readJson(request));
  return json(await updateAppliance(actor, (await params).id, input));
});
