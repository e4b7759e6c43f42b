import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { applianceView } from '@/lib/server/catalog/api-views';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { notFound } from '@/lib/core/errors';

const params = z.object({ publisher: z.string(), slug: z.string() });

/** GET /api/v1/appliances/{publisher}/{slug} — one listing, as the caller may see it. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { publisher, slug } }) => {
  const detail = await getApplianceDetail(actor, publisher, slug);
  if (!detail) throw notFound('That appliance');
  return json(applianceView(detail));
});
