import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { createListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createAppliance } from '@/lib/server/appliances/create-appliance';
import { listOwnAppliances } from '@/lib/server/publishers/list-own-appliances';

export const GET = apiRoute({ auth: 'required', scope: 'publish' }, async ({ actor }) => json({ items: await listOwnAppliances(actor) }, { cache: 'no-store' }));

export const POST = apiRoute({ auth: 'required', scope: 'publish', body: createListingRequestSchema }, async ({ actor, body }) =>
  json(await createAppliance(actor, body), { status: 201, cache: 'no-store' }),
);
