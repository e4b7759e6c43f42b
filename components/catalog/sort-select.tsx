'use client';

import { useRouter } from 'next/navigation';
import { SEARCH_SORTS, SORT_LABELS, type SearchSort } from '@/lib/core/catalog/search-sorts';

/**
 * The sort order as a select inside the page's GET form: without JavaScript the Apply button
 * submits it; with JavaScript a change navigates at once (a real URL, so Back works).
 */
export function SortSelect({ value, hrefs }: { value: SearchSort; hrefs: Record<SearchSort, string> }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span>Sort by</span>
      <select
        name="sort"
        value={value}
        onChange={(e) => router.push(hrefs[e.target.value as SearchSort], { scroll: false })}
        className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900 focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
      >
        {SEARCH_SORTS.map((s) => (
          <option key={s} value={s}>
            {SORT_LABELS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
