import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { parseSearchParams } from '@/lib/core/catalog/search-params';
import { searchAppliances } from '@/lib/server/catalog/search-appliances';
import { invalid } from '@/lib/core/errors';

/** GET /api/v1/appliances — search published listings with facets and cursor pagination. */
export const GET = apiRoute({ scope: 'read' }, async ({ request }) => {
  const { request: search, problems } = parseSearchParams(new URL(request.url).searchParams);
  if (problems.length) {
    throw invalid('Some search parameters are not valid.', Object.fromEntries(problems.map((p) => [p.field, p.message])));
  }
  // The API pages with cursors only; `page` belongs to the browse page.
  const result = await searchAppliances({ ...search, page: 1 });
  return json({ items: result.items, nextCursor: result.nextCursor, total: result.total, facets: result.facets, suggestions: result.suggestions });
});
