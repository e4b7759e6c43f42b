// Links of the browse page: every state is a URL, so results are shareable and Back works.
import { searchQueryString, type SearchRequest, type SearchFilters } from '@/lib/core/catalog/search-params';

export type ListFacet = 'category' | 'os' | 'release' | 'format' | 'arch' | 'license';
export type BucketFacet = 'minRam' | 'maxSize';

export function browseHref(r: Partial<SearchRequest>): string {
  const qs = searchQueryString(r);
  return qs ? `/browse?${qs}` : '/browse';
}

/** The same search with one value of a list facet switched on or off (back to page 1). */
export function toggleValue(r: SearchRequest, facet: ListFacet, value: string): string {
  const current = r[facet] as string[];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return browseHref({ ...r, [facet]: next, page: 1 });
}

/** The same search with a bucket facet set to `value` (or cleared when it already is). */
export function toggleBucket(r: SearchRequest, facet: BucketFacet, value: string): string {
  return browseHref({ ...r, [facet]: r[facet] === value ? null : value, page: 1 });
}

export function clearFilters(r: SearchRequest): string {
  const none: SearchFilters = { category: [], os: [], format: [], arch: [], license: [], release: [], minRam: null, maxSize: null };
  return browseHref({ ...r, ...none, page: 1 });
}
