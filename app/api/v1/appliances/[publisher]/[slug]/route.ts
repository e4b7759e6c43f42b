import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { applianceView } from '@/lib/server/catalog/api-views';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { notFound } from '@/lib/core/errors';

type Params = { publisher: string; slug: string };

/** GET /api/v1/appliances/{publisher}/{slug} — one listing, as the caller may see it. */
export const GET = apiRoute<Params>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { publisher, slug } = await params;
  const detail = await getApplianceDetail(caller?.actor ?? null, publisher, slug);
  if (!detail) throw notFound('That appliance');
  return jsonResponse(applianceView(detail));
});
