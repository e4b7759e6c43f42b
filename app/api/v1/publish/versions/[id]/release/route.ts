import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { releaseVersion } from '@/lib/server/appliances/version-lifecycle';

const params = z.object({ id: z.string() });

export const POST = apiRoute({ auth: 'required', scope: 'publish', params }, async ({ actor, params: { id } }) =>
  json(await releaseVersion(actor, id), { cache: 'no-store' }),
);
