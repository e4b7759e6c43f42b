import { apiRoute } from '@/lib/server/api/route';
import { getOpenApiDocument } from '@/lib/core/api/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas. */
export const GET = apiRoute(async () =>
  Response.json(getOpenApiDocument(), { headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } }),
);
