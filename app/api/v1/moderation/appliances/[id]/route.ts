import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { moderationRequestSchema } from '@/lib/core/publishing/api-schemas';
import { moderateAppliance } from '@/lib/server/appliances/moderate-appliance';

const params = z.object({ id: z.string() });

export const POST = apiRoute(
  {
    auth: 'required',
    // Publishing a listing to everyone is done by a person at the admin pages, never by a script.
    sessionOnly: 'Moderation needs a signed-in admin session, not an API token.',
    params,
    body: moderationRequestSchema,
  },
  async ({ actor, params: { id }, body }) => json(await moderateAppliance(actor, id, body), { cache: 'no-store' }),
);
