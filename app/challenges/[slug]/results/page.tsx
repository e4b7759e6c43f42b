import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { getPublicResults, type PublicResults } from '@/lib/server/challenges/get-public-results';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { TrophyIcon } from '@/components/challenges/icons';

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  const r = await getPublicResults(slug);
  return r ? { title: `Results · ${r.challenge.title}`, description: `The winners of ${r.challenge.title}.` } : { title: 'Not found' };
}

const TIE_NOTE: Record<string, string> = {
  weightedMean: 'higher weighted mean',
  scoreCount: 'more scores',
  createdAt: 'earlier entry',
  entryId: 'entry id',
};

type Winner = NonNullable<PublicResults['grandPrize']>;

function WinnerCard({ award, prize, kind, testId }: { award: Winner; prize?: string; kind: 'grand' | 'category' | 'people'; testId?: string }) {
  const e = award.entry;
  if (!e) return null;
  const styles = {
    grand: 'border-amber-300 bg-gradient-to-br from-amber-50 to-white',
    category: 'border-slate-200 bg-white',
    people: 'border-violet-200 bg-violet-50/40',
  };
  return (
    <div className={`rounded-xl border p-5 shadow-sm ${styles[kind]}`} data-testid={testId}>
      <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{award.title}</p>
      <p className="mt-2 text-lg font-semibold text-slate-900">
        <Link href={e.href} className="hover:text-brand-700">{e.appliance}</Link>
      </p>
      <p className="text-sm text-slate-600">by {e.publisher} · v{e.version}</p>
      {prize && <p className="mt-2 text-sm font-medium text-amber-800"><TrophyIcon className="mr-1" />{prize}</p>}
    </div>
  );
}

export default async function ResultsPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  const r = await getPublicResults(slug);
  if (!r) notFound();
  const ch = r.challenge;
  const fmt = (n: number, d = 1) => n.toFixed(d);
  return (
    <div className="space-y-10">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
          <Link href="/challenges" className="hover:text-slate-800">Challenges</Link> /{' '}
          <Link href={`/challenges/${ch.slug}`} className="hover:text-slate-800">{ch.title}</Link> / Results
        </nav>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Results: {ch.title}</h1>
        {ch.resultsPublishedAt && <p className="mt-2 text-slate-600">Announced {formatInZone(ch.resultsPublishedAt, ch.timeZone)}.</p>}
      </div>

      {r.grandPrize && (
        <section aria-labelledby="grand-heading">
          <h2 id="grand-heading" className="sr-only">Grand prize</h2>
          <div className="rounded-2xl border border-amber-300 bg-gradient-to-br from-amber-100 via-amber-50 to-white p-8 shadow-sm" data-testid="grand-prize">
            <p className="text-sm font-semibold tracking-wide text-amber-800 uppercase"><TrophyIcon className="mr-1" />Grand prize{ch.grandPrize ? ` · ${ch.grandPrize}` : ''}</p>
            {r.grandPrize.entry && (
              <>
                <p className="mt-3 text-3xl font-bold text-slate-900">
                  <Link href={r.grandPrize.entry.href} className="hover:text-brand-700">{r.grandPrize.entry.appliance}</Link>
                </p>
                <p className="mt-1 text-slate-700">by {r.grandPrize.entry.publisher} · version {r.grandPrize.entry.version}</p>
              </>
            )}
          </div>
        </section>
      )}

      <section aria-labelledby="winners-heading">
        <h2 id="winners-heading" className="mb-4 text-xl font-semibold">Category winners</h2>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {r.categories.map((c) =>
            c.winner ? (
              <WinnerCard key={c.id} award={c.winner} prize={c.prize} kind="category" testId={`winner-${c.slug}`} />
            ) : (
              <Card key={c.id} className="p-5 text-sm text-slate-500">{c.name}: no award (no scored entry).</Card>
            ),
          )}
        </div>
      </section>

      {ch.peoplesChoice && (
        <section aria-labelledby="pc-heading">
          <h2 id="pc-heading" className="mb-4 text-xl font-semibold">People’s Choice</h2>
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {r.categories.map((c) => (c.peoplesChoice ? <WinnerCard key={c.id} award={c.peoplesChoice} kind="people" /> : null))}
          </div>
          {r.categories.every((c) => !c.peoplesChoice) && <p className="text-sm text-slate-500">No votes were cast.</p>}
        </section>
      )}

      {r.disqualified.length > 0 && (
        <section aria-labelledby="dq-heading">
          <h2 id="dq-heading" className="mb-4 text-xl font-semibold">Disqualifications</h2>
          <Card className="divide-y divide-slate-100">
            {r.disqualified.map((d) => (
              <div key={d.entryId} className="px-5 py-4 text-sm" data-testid="disqualification">
                <p className="font-medium text-slate-900">{d.appliance} <span className="font-normal text-slate-500">by {d.publisher} · {d.category}</span></p>
                <p className="mt-1 text-slate-700">Reason: {d.reason}</p>
                {d.afterPublication && d.at && (
                  <p className="mt-1 text-xs text-slate-500">
                    Disqualified after the results were published ({formatInZone(d.at, ch.timeZone)}); the awards were recomputed by the same rules, so any award it held went to the next entry.
                  </p>
                )}
              </div>
            ))}
          </Card>
        </section>
      )}

      <section aria-labelledby="ranking-heading" className="space-y-4">
        <h2 id="ranking-heading" className="text-xl font-semibold">Full ranking</h2>
        <p className="text-sm text-slate-600">
          {r.normalize ? 'Ranked by normalised score (the mean of each judge’s z-scores).' : 'Ranked by the mean weighted score.'} {r.tieBreakRule}
        </p>
        {r.normalize && (
          <p className="text-sm text-slate-600" data-testid="why-normalised">
            <span className="font-medium text-slate-800">Why a lower weighted mean can rank higher:</span> each judge scores only some of the
            entries, and some judges score harder than others. So every score is compared with the judge’s own scores first — how far above or
            below that judge’s average it lies, in that judge’s spread (a z-score) — and entries are ranked by the mean of those. An 87 from a
            harsh judge can count for more than a 92 from a lenient one.
          </p>
        )}
        {r.categories.map((c) => (
          <Card key={c.id}>
            <CardHeader
              title={c.name}
              description={
                r.normalize && c.ranking.some((row, i) => i > 0 && row.scoreCount > 0 && c.ranking[i - 1].scoreCount > 0 && row.weightedMean > c.ranking[i - 1].weightedMean)
                  ? 'Here the normalised order differs from the weighted means’ (see above why).'
                  : undefined
              }
            />
            <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={`Ranking: ${c.name}`}>
              <table className="w-full min-w-[40rem] table-fixed text-left text-sm">
                <colgroup>
                  <col className="w-14" />
                  <col />
                  <col className="w-36" />
                  <col className="w-32" />
                  <col className="w-24" />
                  {ch.peoplesChoice && <col className="w-24" />}
                </colgroup>
                <thead className="text-xs text-slate-500 uppercase">
                  <tr>
                    <th className="px-5 py-2 font-medium">#</th>
                    <th className="px-3 py-2 font-medium">Appliance</th>
                    <th className="px-3 py-2 text-right font-medium">Weighted mean</th>
                    <th className="px-3 py-2 text-right font-medium">Normalised</th>
                    <th className="px-3 py-2 text-right font-medium">Judges</th>
                    {ch.peoplesChoice && <th className="px-5 py-2 text-right font-medium">Votes</th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {c.ranking.map((row) => (
                    <tr key={row.entryId}>
                      <td className="px-5 py-2.5 font-semibold tabular-nums">{row.rank}</td>
                      <td className="px-3 py-2.5">
                        <Link href={row.href} className="font-medium text-slate-900 hover:text-brand-700">{row.appliance}</Link>
                        <span className="ml-2 text-xs text-slate-500">{row.publisher}</span>
                        {c.winner?.entry?.entryId === row.entryId && <Badge tone="amber" className="ml-2">winner</Badge>}
                        {row.tieBrokenBy && <Badge tone="violet" className="ml-2">tie: {TIE_NOTE[row.tieBrokenBy]}</Badge>}
                      </td>
                      <td className="px-3 py-2.5 text-right tabular-nums">{row.scoreCount ? fmt(row.weightedMean) : '—'}</td>
                      <td className="px-3 py-2.5 text-right tabular-nums">{row.scoreCount ? fmt(row.normalized, 2) : '—'}</td>
                      <td className="px-3 py-2.5 text-right tabular-nums">{row.scoreCount}</td>
                      {ch.peoplesChoice && <td className="px-5 py-2.5 text-right tabular-nums">{row.votes}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        ))}
        <p className="text-xs text-slate-500">{r.awardRules}</p>
      </section>
    </div>
  );
}
