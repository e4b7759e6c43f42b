import { Link } from '@/components/ui/link';
import { ApplianceCard, ApplianceGrid } from '@/components/catalog/appliance-card';
import { ButtonLink } from '@/components/ui/button';
import { countPublicAppliances, listCategoriesWithCounts, listPublicAppliances } from '@/lib/server/catalog/list-public-appliances';
import { listChallengeWinners } from '@/lib/server/catalog/list-challenge-winners';
import { formatCount } from '@/lib/core/format';
import { TrophyIcon } from '@/components/challenges/icons';

function SectionHeader({ id, title, description, href, linkLabel = 'See all →' }: { id: string; title: string; description?: string; href?: string; linkLabel?: string }) {
  return (
    <div className="mb-4 flex items-end justify-between gap-4">
      <div>
        <h2 id={id} className="text-xl font-semibold text-slate-900">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
      </div>
      {href && (
        <ButtonLink href={href} variant="ghost" size="sm">
          {linkLabel}
        </ButtonLink>
      )}
    </div>
  );
}

export default async function HomePage() {
  const [featured, popular, newest, categories, winners, total] = await Promise.all([
    listPublicAppliances({ featured: true, order: 'downloads', take: 3 }),
    listPublicAppliances({ order: 'downloads', take: 6 }),
    listPublicAppliances({ order: 'newest', take: 6 }),
    listCategoriesWithCounts(),
    listChallengeWinners(),
    countPublicAppliances(),
  ]);
  return (
    <div className="space-y-14">
      <section className="relative overflow-hidden rounded-2xl bg-gradient-to-br from-brand-700 via-brand-600 to-sky-500 px-6 py-14 text-white shadow-lg sm:px-12">
        <div aria-hidden className="pointer-events-none absolute -top-24 -right-24 size-96 rounded-full bg-white/10 blur-2xl" />
        <div className="relative max-w-2xl">
          <h1 className="text-3xl font-bold tracking-tight sm:text-5xl">Virtual appliances that just run.</h1>
          <p className="mt-4 text-lg text-brand-50">
            Ready-to-run machine images — OVA, qcow2, VMDK, Vagrant boxes — verified byte for byte, with the exact commands to launch them in QEMU,
            VirtualBox, VMware or Vagrant.
          </p>
          <form action="/browse" role="search" aria-label="Catalog" className="mt-8 flex max-w-xl gap-2">
            <label htmlFor="hero-search" className="sr-only">
              Search appliances
            </label>
            <input
              id="hero-search"
              name="q"
              type="search"
              maxLength={200}
              placeholder="Try “web server”, “firewall”, “postgres”…"
              className="h-12 min-w-0 flex-1 rounded-lg border-0 bg-white px-4 text-slate-900 shadow-sm focus:ring-4 focus:ring-white/40 focus:outline-none"
            />
            <button type="submit" className="h-12 shrink-0 rounded-lg bg-slate-900 px-5 font-medium text-white hover:bg-slate-800">
              Search
            </button>
          </form>
          <p className="mt-4 text-sm text-brand-100">
            {formatCount(total)} appliances · every file checksummed · <Link href="/docs/api" className="underline underline-offset-2 hover:text-white">open API</Link>
          </p>
        </div>
      </section>

      {featured.length > 0 && (
        <section aria-labelledby="featured-heading">
          <SectionHeader id="featured-heading" title="Featured" description="Picked by the editors: solid, documented, easy to launch." />
          <ApplianceGrid cards={featured} />
        </section>
      )}

      {winners.length > 0 && (
        <section aria-labelledby="winners-heading">
          <SectionHeader id="winners-heading" title="Challenge winners" description="Ranked by the judges of our appliance challenges." href="/challenges" linkLabel="All challenges →" />
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {winners.map((w) => (
              <div key={w.card.id} className="flex min-w-0 flex-col gap-2">
                <p className="text-sm font-medium text-amber-800">
                  <TrophyIcon className="mr-1" />
                  {w.award} · <Link href={`/challenges/${w.challenge.slug}`} className="underline underline-offset-2">{w.challenge.title}</Link>
                </p>
                <ApplianceCard card={w.card} />
              </div>
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="categories-heading">
        <SectionHeader id="categories-heading" title="Categories" href="/browse" linkLabel="Browse all →" />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {categories.map((c) => (
            <Link
              key={c.slug}
              href={`/browse?category=${encodeURIComponent(c.slug)}`}
              className="group rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-300 hover:shadow"
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="font-medium text-slate-900 group-hover:text-brand-700">{c.name}</span>
                <span className="text-sm text-slate-500 tabular-nums">{formatCount(c.count)}</span>
              </span>
              {c.description && <span className="mt-1 line-clamp-2 block text-sm text-slate-500">{c.description}</span>}
            </Link>
          ))}
        </div>
      </section>

      <section aria-labelledby="popular-heading">
        <SectionHeader id="popular-heading" title="Most downloaded" href="/browse?sort=downloads" />
        <ApplianceGrid cards={popular} />
      </section>

      <section aria-labelledby="newest-heading">
        <SectionHeader id="newest-heading" title="Newest" href="/browse?sort=newest" />
        <ApplianceGrid cards={newest} />
      </section>
    </div>
  );
}
