import { Link } from '@/components/ui/link';
import { cn } from '@/components/ui/cn';

/** Page links (no JavaScript needed): first, last, and a window around the current page. */
export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const item = 'inline-flex h-9 min-w-9 items-center justify-center rounded-lg px-3 text-sm';
  return (
    <nav aria-label="Pagination" className="mt-8 flex flex-wrap items-center justify-center gap-1">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={cn(item, 'text-slate-700 ring-1 ring-slate-200 hover:bg-white')}>
          ← Previous
        </Link>
      ) : (
        <span className={cn(item, 'text-slate-500 ring-1 ring-slate-100')}>← Previous</span>
      )}
      {sorted.map((p, i) => (
        <span key={p} className="contents">
          {i > 0 && sorted[i - 1] !== p - 1 && <span className="px-1 text-slate-500">…</span>}
          <Link
            href={href(p)}
            aria-current={p === page ? 'page' : undefined}
            aria-label={`Page ${p}`}
            className={cn(item, p === page ? 'bg-slate-900 font-medium text-white' : 'text-slate-700 hover:bg-white hover:ring-1 hover:ring-slate-200')}
          >
            {p}
          </Link>
        </span>
      ))}
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className={cn(item, 'text-slate-700 ring-1 ring-slate-200 hover:bg-white')}>
          Next →
        </Link>
      ) : (
        <span className={cn(item, 'text-slate-500 ring-1 ring-slate-100')}>Next →</span>
      )}
    </nav>
  );
}
