import { apiRoute, readJson } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { createListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createAppliance } from '@/lib/server/appliances/create-appliance';
import { listOwnAppliances } from '@/lib/server/publishers/list-own-appliances';

export const GET = apiRoute(async (request) => {
  const actor = await publishingActor(request);
  return json({ items: await listOwnAppliances(actor) });
});

export const POST = apiRoute(async (request) => {
  const actor = await publishingActor(request);
  const input = createListingRequestSchema.parse(await readJson(request));
  return json(await createAppliance(actor, input), 201);
});
