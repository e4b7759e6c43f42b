import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { revokeVersionRequestSchema } from '@/lib/core/publishing/api-schemas';
import { revokeVersion } from '@/lib/server/appliances/version-lifecycle';

const params = z.object({ id: z.string() });

export const POST = apiRoute({ auth: 'required', scope: 'publish', params, body: revokeVersionRequestSchema }, async ({ actor, params: { id }, body }) =>
  json(await revokeVersion(actor, id, body.reason), { cache: 'no-store' }),
);
