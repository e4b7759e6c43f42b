import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { fileView } from '@/lib/server/catalog/api-views';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { notFound } from '@/lib/core/errors';

type Params = { publisher: string; slug: string; version: string };

/** GET …/versions/{version}/files — the files of one version the caller may see. */
export const GET = apiRoute<Params>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { publisher, slug, version } = await params;
  const detail = await getApplianceDetail(caller?.actor ?? null, publisher, slug);
  const found = detail?.versions.find((v) => v.version === version);
  if (!found) throw notFound('That version');
  return jsonResponse({ items: found.files.map(fileView) });
});
