import { z } from 'zod';
import { apiRoute, type RouteHandler } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { getVagrantCatalog } from '@/lib/server/catalog/get-vagrant-catalog';
import { notFound } from '@/lib/core/errors';

const params = z.object({ publisher: z.string(), appliance: z.string() });

/** GET /api/v1/vagrant/{publisher}/{appliance} — Vagrant box metadata: `vagrant box add <this URL>`. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { publisher, appliance } }) => {
  const catalog = await getVagrantCatalog(actor, publisher, appliance);
  if (!catalog) throw notFound('That box');
  return json(catalog);
});

/** Vagrant first sends HEAD and treats the URL as a catalog only when it answers application/json. */
export const HEAD: RouteHandler = async (request, context) => {
  const res = await GET(request, context);
  return new Response(null, { status: res.status, headers: res.headers });
};
