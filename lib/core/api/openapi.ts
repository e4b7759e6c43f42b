// The OpenAPI 3.1 document of /api/v1, assembled in this one place from the fragments each part of
// the API exports next to its zod schemas (lib/core/<area>/openapi.ts).
import { createDocument, type ZodOpenApiObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { catalogOpenApi } from '@/lib/core/catalog/openapi';
import { publishingOpenApi } from '@/lib/core/publishing/openapi';
import { insideOpenApi } from '@/lib/core/inside-reports/openapi';

export interface OpenApiFragment {
  paths: ZodOpenApiPathsObject;
  tags?: { name: string; description?: string }[];
}

/** Every part of the API that describes itself; a new area's fragment joins here. */
const FRAGMENTS: OpenApiFragment[] = [catalogOpenApi, publishingOpenApi, insideOpenApi];

/** The whole document, from the fragments given (by default every part of the API). */
export function buildOpenApiDocument(fragments: OpenApiFragment[] = FRAGMENTS, serverUrl?: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const fragment of fragments) {
    for (const [path, item] of Object.entries(fragment.paths)) paths[path] = { ...paths[path], ...item };
  }
  const spec: ZodOpenApiObject = {
    openapi: '3.1.0',
    info: {
      title: 'Appliance Exchange API',
      version: '1.0.0',
      description:
        'JSON over HTTPS. Authenticate with a personal API token (`Authorization: Bearer apx_…`, created under Account → API tokens) or a browser session; anonymous callers read published data. Errors are RFC 9457 problem details. Lists page with opaque cursors.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: serverUrl ? [{ url: serverUrl }] : undefined,
    tags: fragments.flatMap((f) => f.tags ?? []),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token, scopes `read` and `publish`' } },
    },
  };
  return createDocument(spec);
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The served document, built once per process. */
export function getOpenApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}
