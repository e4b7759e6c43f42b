import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { createVersionRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createVersion } from '@/lib/server/appliances/create-version';

const params = z.object({ id: z.string() });

export const POST = apiRoute({ auth: 'required', scope: 'publish', params, body: createVersionRequestSchema }, async ({ actor, params: { id }, body }) =>
  json(await createVersion(actor, id, body), { status: 201, cache: 'no-store' }),
);
