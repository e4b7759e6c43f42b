import { Link } from '@/components/ui/link';
import { cn } from '@/components/ui/cn';
import type { FacetValue, SearchFacets } from '@/lib/server/catalog/search-appliances';
import type { SearchRequest } from '@/lib/core/catalog/search-params';
import { formatCount } from '@/lib/core/format';
import { toggleBucket, toggleValue, type BucketFacet, type ListFacet } from '@/components/catalog/search-links';

const LIST_FACETS: { key: ListFacet; title: string }[] = [
  { key: 'category', title: 'Category' },
  { key: 'os', title: 'Operating system' },
  { key: 'release', title: 'OS release' },
  { key: 'format', title: 'Format' },
  { key: 'arch', title: 'Architecture' },
  { key: 'license', title: 'License' },
];

const BUCKET_FACETS: { key: BucketFacet; title: string }[] = [
  { key: 'minRam', title: 'Memory needed' },
  { key: 'maxSize', title: 'Download size' },
];

const VISIBLE = 8;

function FacetLink({ href, value, selected, kind }: { href: string; value: FacetValue; selected: boolean; kind: 'checkbox' | 'radio' }) {
  const empty = value.count === 0 && !selected;
  return (
    <li>
      <Link
        href={href}
        prefetch={false}
        scroll={false}
        rel="nofollow"
        aria-current={selected ? 'true' : undefined}
        aria-disabled={empty || undefined}
        className={cn(
          'group flex items-center gap-2 rounded-md px-2 py-1 text-sm',
          selected ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700 hover:bg-slate-100',
          empty && 'pointer-events-none text-slate-500',
        )}
      >
        <span
          aria-hidden
          className={cn(
            'flex size-4 shrink-0 items-center justify-center border text-[10px] leading-none',
            kind === 'checkbox' ? 'rounded' : 'rounded-full',
            selected ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white group-hover:border-slate-400',
          )}
        >
          {selected ? '✓' : ''}
        </span>
        <span className="min-w-0 flex-1 truncate">{value.label}</span>
        <span className="text-xs text-slate-600 tabular-nums">{formatCount(value.count)}</span>
      </Link>
    </li>
  );
}

/** Facet groups as plain links: each toggles one value in the URL, with counts under the other filters. */
export function FacetSidebar({ request, facets }: { request: SearchRequest; facets: SearchFacets }) {
  return (
    <nav aria-label="Filters" className="space-y-6">
      {LIST_FACETS.map(({ key, title }) => {
        const selected = request[key] as string[];
        // Selected values stay listed even when nothing matches them any more.
        const values = [...facets[key]];
        for (const v of selected) if (!values.some((x) => x.value === v)) values.push({ value: v, label: v, count: 0 });
        if (values.length === 0) return null;
        const head = values.slice(0, VISIBLE);
        const rest = values.slice(VISIBLE);
        return (
          <section key={key} aria-labelledby={`facet-${key}`}>
            <h2 id={`facet-${key}`} className="mb-1.5 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {title}
            </h2>
            <ul className="space-y-0.5" data-testid={`facet-${key}`}>
              {head.map((v) => (
                <FacetLink key={v.value} href={toggleValue(request, key, v.value)} value={v} selected={selected.includes(v.value)} kind="checkbox" />
              ))}
            </ul>
            {rest.length > 0 && (
              <details className="mt-1" open={rest.some((v) => selected.includes(v.value))}>
                <summary className="cursor-pointer px-2 text-xs font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">{rest.length} more</summary>
                <ul className="mt-1 space-y-0.5">
                  {rest.map((v) => (
                    <FacetLink key={v.value} href={toggleValue(request, key, v.value)} value={v} selected={selected.includes(v.value)} kind="checkbox" />
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
      {BUCKET_FACETS.map(({ key, title }) => {
        // A bucket nothing falls into is no choice at all: only the selected one stays when empty.
        const values = facets[key].filter((v) => v.count > 0 || request[key] === v.value);
        if (values.length === 0) return null;
        return (
          <section key={key} aria-labelledby={`facet-${key}`}>
            <h2 id={`facet-${key}`} className="mb-1.5 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {title}
            </h2>
            <ul className="space-y-0.5" data-testid={`facet-${key}`}>
              {values.map((v) => (
                <FacetLink key={v.value} href={toggleBucket(request, key, v.value)} value={v} selected={request[key] === v.value} kind="radio" />
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
