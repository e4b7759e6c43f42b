import { Link } from '@/components/ui/link';
import { EmptyState } from '@/components/ui/page-header';
import { browseHref, clearFilters } from '@/components/catalog/search-links';
import type { SearchSuggestions } from '@/lib/server/catalog/search-appliances';
import { hasFilters, type SearchRequest } from '@/lib/core/catalog/search-params';
import { formatCount } from '@/lib/core/format';

const chip = 'inline-flex items-center gap-1 rounded-full bg-white px-3 py-1 text-sm font-medium text-brand-800 ring-1 ring-brand-200 hover:bg-brand-50';

/** What a search that found nothing offers: nearby terms, the filters to clear, the biggest categories. */
export function NoResults({ request, suggestions }: { request: SearchRequest; suggestions: SearchSuggestions | null }) {
  const filtered = hasFilters(request);
  const terms = suggestions?.terms ?? [];
  const categories = suggestions?.categories ?? [];
  return (
    <EmptyState title={request.q || filtered ? 'No appliances match.' : 'No appliances here yet.'}>
      <div className="space-y-5" data-testid="no-results">
        {terms.length > 0 && (
          <div>
            <p id="did-you-mean">Did you mean</p>
            <ul aria-labelledby="did-you-mean" className="mt-2 flex flex-wrap justify-center gap-2">
              {terms.map((t) => (
                <li key={t}>
                  <Link href={browseHref({ ...request, q: t, page: 1, sort: undefined })} prefetch={false} className={chip}>
                    {t}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
        {filtered ? (
          <p>
            <Link href={clearFilters(request)} prefetch={false} className="font-medium text-brand-700 underline hover:no-underline">
              Clear the filters
            </Link>
            {request.q ? ' to search every appliance.' : ' to see every appliance.'}
          </p>
        ) : request.q && terms.length === 0 ? (
          <p>Try other words, or fewer of them.</p>
        ) : null}
        {categories.length > 0 && (
          <div>
            <p id="popular-categories">Popular categories</p>
            <ul aria-labelledby="popular-categories" className="mt-2 flex flex-wrap justify-center gap-2">
              {categories.map((c) => (
                <li key={c.value}>
                  <Link href={browseHref({ category: [c.value] })} prefetch={false} className={chip}>
                    {c.label} <span className="text-slate-600 tabular-nums">{formatCount(c.count)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </EmptyState>
  );
}

/** A page number past the last page: say so and lead back. */
export function PastTheEnd({ page, pageCount, lastHref }: { page: number; pageCount: number; lastHref: string }) {
  return (
    <EmptyState title={`There is no page ${formatCount(page)}.`}>
      <p data-testid="past-the-end">
        These results end at page {formatCount(pageCount)}.{' '}
        <Link href={lastHref} className="font-medium text-brand-700 underline hover:no-underline">
          Go to the last page
        </Link>
      </p>
    </EmptyState>
  );
}
