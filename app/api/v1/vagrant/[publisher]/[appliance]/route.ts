import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { getVagrantCatalog } from '@/lib/server/catalog/get-vagrant-catalog';
import { notFound } from '@/lib/core/errors';

type Params = { publisher: string; appliance: string };

/** GET /api/v1/vagrant/{publisher}/{appliance} — Vagrant box metadata: `vagrant box add <this URL>`. */
export const GET = apiRoute<Params>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { publisher, appliance } = await params;
  const catalog = await getVagrantCatalog(caller?.actor ?? null, publisher, appliance);
  if (!catalog) throw notFound('That box');
  return jsonResponse(catalog);
});

/** Vagrant first sends HEAD and treats the URL as a catalog only when it answers application/json. */
export const HEAD = apiRoute<Params>(async (request, context) => {
  const res = await GET(request, context);
  return new Response(null, { status: res.status, headers: res.headers });
});
