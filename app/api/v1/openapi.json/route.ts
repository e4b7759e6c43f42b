import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { getOpenApiDocument } from '@/lib/core/api/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas. */
export const GET = apiRoute({ auth: 'none' }, async () => json(getOpenApiDocument(), { cache: 'public', headers: { 'access-control-allow-origin': '*' } }));
