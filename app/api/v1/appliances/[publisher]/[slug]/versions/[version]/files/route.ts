import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { fileView } from '@/lib/server/catalog/api-views';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { notFound } from '@/lib/core/errors';

const params = z.object({ publisher: z.string(), slug: z.string(), version: z.string() });

/** GET …/versions/{version}/files — the files of one version the caller may see. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { publisher, slug, version } }) => {
  const detail = await getApplianceDetail(actor, publisher, slug);
  const found = detail?.versions.find((v) => v.version === version);
  if (!found) throw notFound('That version');
  return json({ items: found.files.map(fileView) });
});
