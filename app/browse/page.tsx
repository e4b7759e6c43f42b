import type { Metadata } from 'next';
import Link from 'next/link';
import { ApplianceGrid } from '@/components/catalog/appliance-card';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { cn } from '@/components/ui/cn';
import { listCategoriesWithCounts, listPublicAppliances, type PublicOrder } from '@/lib/catalog/list-public-appliances';

export const metadata: Metadata = { title: 'Browse appliances' };

const SORTS: { value: PublicOrder; label: string }[] = [
  { value: 'newest', label: 'Newest' },
  { value: 'downloads', label: 'Most downloaded' },
  { value: 'rating', label: 'Top rated' },
  { value: 'name', label: 'Name' },
];

export default async function BrowsePage({ searchParams }: { searchParams: Promise<{ category?: string; sort?: string }> }) {
  const params = await searchParams;
  const sort = SORTS.find((s) => s.value === params.sort)?.value ?? 'newest';
  const category = typeof params.category === 'string' ? params.category : undefined;
  const [cards, categories] = await Promise.all([
    listPublicAppliances({ order: sort, categorySlug: category, take: 60 }),
    listCategoriesWithCounts(),
  ]);
  const link = (p: { category?: string; sort?: string }) => {
    const q = new URLSearchParams();
    if (p.category) q.set('category', p.category);
    if (p.sort && p.sort !== 'newest') q.set('sort', p.sort);
    const s = q.toString();
    return s ? `/browse?${s}` : '/browse';
  };
  return (
    <div>
      <PageHeader title="Browse appliances" description="Every listing here passed inspection and moderation." />
      <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
        <aside aria-label="Categories">
          <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Category</h2>
          <ul className="space-y-1">
            <li>
              <Link href={link({ sort })} className={cn('block rounded-md px-2 py-1 text-sm', !category ? 'bg-brand-50 font-medium text-brand-700' : 'hover:bg-slate-100')}>
                All
              </Link>
            </li>
            {categories.map((c) => (
              <li key={c.slug}>
                <Link
                  href={link({ category: c.slug, sort })}
                  className={cn('flex justify-between rounded-md px-2 py-1 text-sm', category === c.slug ? 'bg-brand-50 font-medium text-brand-700' : 'hover:bg-slate-100')}
                >
                  <span>{c.name}</span>
                  <span className="text-slate-400">{c.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        </aside>
        <section>
          <div className="mb-4 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-500">Sort:</span>
            {SORTS.map((s) => (
              <Link
                key={s.value}
                href={link({ category, sort: s.value })}
                aria-current={s.value === sort ? 'true' : undefined}
                className={cn('rounded-full px-3 py-1', s.value === sort ? 'bg-slate-900 text-white' : 'bg-white ring-1 ring-slate-200 hover:bg-slate-50')}
              >
                {s.label}
              </Link>
            ))}
          </div>
          {cards.length ? <ApplianceGrid cards={cards} /> : <EmptyState title="No appliances here yet." />}
        </section>
      </div>
    </div>
  );
}
