// The catalog's orders and their labels, without zod: the sort menu (browser) imports these and
// search-params.ts builds on them.
export const SEARCH_SORTS = ['relevance', 'downloads', 'rating', 'newest', 'size'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Best match',
  downloads: 'Most downloaded',
  rating: 'Top rated',
  newest: 'Newest',
  size: 'Smallest download',
};
