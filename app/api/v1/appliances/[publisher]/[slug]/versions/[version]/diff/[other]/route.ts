import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { diffApplianceVersions } from '@/lib/server/inside-reports/diff-versions';

/** GET /api/v1/appliances/{publisher}/{slug}/versions/{version}/diff/{other} — packages added, removed, upgraded from {version} to {other}. */
export const GET = apiRoute<{ publisher: string; slug: string; version: string; other: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { publisher, slug, version, other } = await params;
  return jsonResponse(await diffApplianceVersions(caller?.actor ?? null, publisher, slug, version, other));
});
