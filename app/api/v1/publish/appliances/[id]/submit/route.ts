import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { submitAppliance } from '@/lib/server/appliances/submit-appliance';

const params = z.object({ id: z.string() });

export const POST = apiRoute({ auth: 'required', scope: 'publish', params }, async ({ actor, params: { id } }) =>
  json(await submitAppliance(actor, id), { cache: 'no-store' }),
);
