import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { updateListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { getOwnListing, updateAppliance } from '@/lib/server/appliances/update-appliance';

const params = z.object({ id: z.string() });

export const GET = apiRoute({ auth: 'required', scope: 'publish', params }, async ({ actor, params: { id } }) =>
  json(await getOwnListing(actor, id), { cache: 'no-store' }),
);

export const PATCH = apiRoute({ auth: 'required', scope: 'publish', params, body: updateListingRequestSchema }, async ({ actor, params: { id }, body }) =>
  json(await updateAppliance(actor, id, body), { cache: 'no-store' }),
);
