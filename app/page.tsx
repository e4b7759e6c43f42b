import Link from 'next/link';
import { ApplianceGrid } from '@/components/catalog/appliance-card';
import { ButtonLink } from '@/components/ui/button';
import { listCategoriesWithCounts, listPublicAppliances } from '@/lib/catalog/list-public-appliances';

export default async function HomePage() {
  const [newest, popular, categories] = await Promise.all([
    listPublicAppliances({ order: 'newest', take: 6 }),
    listPublicAppliances({ order: 'downloads', take: 6 }),
    listCategoriesWithCounts(),
  ]);
  return (
    <div className="space-y-14">
      <section className="relative overflow-hidden rounded-2xl bg-gradient-to-br from-brand-700 via-brand-600 to-sky-500 px-6 py-14 text-white shadow-lg sm:px-12">
        <div className="max-w-2xl">
          <h1 className="text-3xl font-bold tracking-tight sm:text-5xl">Virtual appliances that just run.</h1>
          <p className="mt-4 text-lg text-brand-50">
            Ready-to-run machine images — OVA, qcow2, VMDK, Vagrant boxes — verified byte for byte, with the exact commands to
            launch them in QEMU, VirtualBox, VMware or Vagrant.
          </p>
          <form action="/browse" role="search" className="mt-8 flex max-w-xl gap-2">
            <label htmlFor="hero-search" className="sr-only">
              Search appliances
            </label>
            <input
              id="hero-search"
              name="q"
              type="search"
              placeholder="Try “web server”, “firewall”, “postgres”…"
              className="h-12 min-w-0 flex-1 rounded-lg border-0 px-4 text-slate-900 shadow-sm focus:outline-none focus:ring-4 focus:ring-white/40"
            />
            <button type="submit" className="h-12 rounded-lg bg-slate-900 px-5 font-medium text-white hover:bg-slate-800">
              Search
            </button>
          </form>
        </div>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="mb-4 text-xl font-semibold">
          Categories
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {categories.map((c) => (
            <Link
              key={c.slug}
              href={`/browse?category=${c.slug}`}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300 hover:shadow"
            >
              <span className="block font-medium text-slate-900">{c.name}</span>
              <span className="text-sm text-slate-500">{c.count} appliances</span>
            </Link>
          ))}
        </div>
      </section>

      <section aria-labelledby="popular-heading">
        <div className="mb-4 flex items-end justify-between">
          <h2 id="popular-heading" className="text-xl font-semibold">
            Most downloaded
          </h2>
          <ButtonLink href="/browse?sort=downloads" variant="ghost" size="sm">
            See all →
          </ButtonLink>
        </div>
        <ApplianceGrid cards={popular} />
      </section>

      <section aria-labelledby="newest-heading">
        <div className="mb-4 flex items-end justify-between">
          <h2 id="newest-heading" className="text-xl font-semibold">
            Newest
          </h2>
          <ButtonLink href="/browse?sort=newest" variant="ghost" size="sm">
            See all →
          </ButtonLink>
        </div>
        <ApplianceGrid cards={newest} />
      </section>
    </div>
  );
}
