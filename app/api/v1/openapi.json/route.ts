import { apiRoute } from '@/lib/api/route';
import { getOpenApiDocument } from '@/lib/api/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas. */
export const GET = apiRoute(async () =>
  Response.json(getOpenApiDocument(), { headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } }),
);
