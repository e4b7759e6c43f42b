import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { ApplianceGrid } from '@/components/catalog/appliance-card';
import { FacetSidebar } from '@/components/catalog/facet-sidebar';
import { FiltersDrawer } from '@/components/catalog/filters-drawer';
import { HiddenSearchFields } from '@/components/catalog/hidden-search-fields';
import { Pagination } from '@/components/catalog/pagination';
import { SortSelect } from '@/components/catalog/sort-select';
import { browseHref, clearFilters, toggleBucket, toggleValue } from '@/components/catalog/search-links';
import { NoResults, PastTheEnd } from '@/components/catalog/no-results';
import { buttonClass } from '@/components/ui/button';
import { searchAppliances, type SearchFacets } from '@/lib/server/catalog/search-appliances';
import { MAX_PAGE, parseSearchParams, SEARCH_SORTS, type SearchRequest, type SearchSort } from '@/lib/core/catalog/search-params';
import { formatCount } from '@/lib/core/format';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { request } = parseSearchParams(await searchParams);
  return { title: request.q ? `“${request.q}” — search` : 'Browse appliances' };
}

/** Removable chips for the active filters, labelled from the facets. */
function activeFilters(request: SearchRequest, facets: SearchFacets) {
  const label = (facet: keyof SearchFacets, value: string) => facets[facet].find((f) => f.value === value)?.label ?? value;
  const chips: { label: string; href: string }[] = [];
  for (const key of ['category', 'os', 'release', 'format', 'arch', 'license'] as const) {
    for (const v of request[key] as string[]) chips.push({ label: label(key, v), href: toggleValue(request, key, v) });
  }
  if (request.minRam) chips.push({ label: `RAM ${label('minRam', request.minRam).toLowerCase()}`, href: toggleBucket(request, 'minRam', request.minRam) });
  if (request.maxSize) chips.push({ label: label('maxSize', request.maxSize), href: toggleBucket(request, 'maxSize', request.maxSize) });
  return chips;
}

export default async function BrowsePage({ searchParams }: { searchParams: SearchParams }) {
  // The page pages by number; cursors are the API's. Parameters it cannot use are ignored.
  const { request: parsed } = parseSearchParams(await searchParams);
  const request: SearchRequest = { ...parsed, cursor: null };
  const result = await searchAppliances(request);
  const pageCount = Math.min(MAX_PAGE, Math.ceil(result.total / request.limit));
  const chips = activeFilters(request, result.facets);
  const sortHrefs = Object.fromEntries(SEARCH_SORTS.map((s) => [s, browseHref({ ...request, sort: s, page: 1 })])) as Record<SearchSort, string>;
  const from = (request.page - 1) * request.limit + 1;

  return (
    <div>
      <div className="mb-6 flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{request.q ? <>Results for “{request.q}”</> : 'Browse appliances'}</h1>
          <p className="mt-1 text-slate-600">Every listing here passed inspection and moderation; every file is checksummed.</p>
        </div>
        <form action="/browse" method="get" role="search" aria-label="Catalog" className="flex w-full gap-2 lg:w-[28rem]">
          <label htmlFor="browse-q" className="sr-only">
            Search appliances
          </label>
          <input
            id="browse-q"
            name="q"
            type="search"
            defaultValue={request.q}
            maxLength={200}
            placeholder="Search by name, purpose, tag…"
            className="h-10 flex-1 rounded-lg border border-slate-300 bg-white px-3 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
          />
          <HiddenSearchFields request={request} omit={['q', 'sort']} />
          <button type="submit" className={buttonClass('primary', 'md')}>
            Search
          </button>
        </form>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8">
        <aside>
          <FiltersDrawer active={chips.length} total={result.total}>
            <FacetSidebar request={request} facets={result.facets} />
          </FiltersDrawer>
        </aside>

        <section aria-labelledby="results-heading" className="min-w-0">
          <div className="mb-4 flex flex-col gap-3 border-b border-slate-200 pb-4 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="results-heading" className="text-sm text-slate-600" aria-live="polite">
                <span className="font-semibold text-slate-900" data-testid="result-count">
                  {formatCount(result.total)}
                </span>{' '}
                {result.total === 1 ? 'appliance' : 'appliances'}
                {result.items.length > 0 && pageCount > 1 && (
                  <span className="text-slate-500">
                    {' '}
                    · {formatCount(from)}–{formatCount(Math.min(result.total, from + request.limit - 1))}
                  </span>
                )}
              </h2>
              {chips.length > 0 && (
                <ul className="flex flex-wrap gap-1.5" aria-label="Active filters">
                  {chips.map((c) => (
                    <li key={c.href}>
                      <Link href={c.href} prefetch={false} scroll={false} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-800 ring-1 ring-brand-200 hover:bg-brand-100" aria-label={`Remove filter ${c.label}`}>
                        {c.label} <span aria-hidden>×</span>
                      </Link>
                    </li>
                  ))}
                  <li>
                    <Link href={clearFilters(request)} prefetch={false} className="text-xs font-medium text-slate-500 hover:text-slate-800 hover:underline">
                      Clear all
                    </Link>
                  </li>
                </ul>
              )}
            </div>
            <form action="/browse" method="get" className="flex items-center gap-2">
              <HiddenSearchFields request={request} omit={['sort']} />
              <SortSelect value={request.sort} hrefs={sortHrefs} />
              <noscript>
                <button type="submit" className={buttonClass('secondary', 'sm')}>
                  Apply
                </button>
              </noscript>
            </form>
          </div>

          {result.items.length ? (
            <ApplianceGrid cards={result.items} />
          ) : result.total > 0 && request.page > pageCount ? (
            <PastTheEnd page={request.page} pageCount={pageCount} lastHref={browseHref({ ...request, page: pageCount })} />
          ) : (
            <NoResults request={request} suggestions={result.suggestions} />
          )}
          {request.page <= pageCount && <Pagination page={request.page} pageCount={pageCount} href={(page) => browseHref({ ...request, page })} />}
        </section>
      </div>
    </div>
  );
}
