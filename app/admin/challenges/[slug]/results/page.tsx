import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { ActionForm } from '@/components/challenges/action-form';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { getAdminLeaderboard } from '@/lib/server/challenges/get-admin-leaderboard';
import { AWARD_RULES } from '@/lib/core/challenges/logic/awards';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { publishAction } from '@/lib/server/challenges/actions/publish-results';
import { TrophyIcon } from '@/components/challenges/icons';

export const metadata: Metadata = { title: 'Leaderboard · Admin' };

const TIE_LABEL: Record<string, string> = {
  weightedMean: 'tie broken by weighted mean',
  scoreCount: 'tie broken by number of scores',
  createdAt: 'tie broken by earlier entry',
  entryId: 'tie broken by entry id',
};

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export default async function AdminResultsPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await pageActorWithRole('ADMIN');
  const { slug } = await params;
  const board = await getAdminLeaderboard(actor, slug);
  const ch = board.challenge;
  const judging = ch.state === 'JUDGING';
  const published = ch.state === 'RESULTS' || ch.state === 'ARCHIVED';
  const awardsOf = (entryId: string) => ch.awards.filter((a) => a.entryId === entryId);
  const pct = board.progress.assigned ? Math.round((100 * board.progress.submitted) / board.progress.assigned) : 0;
  return (
    <div className="space-y-8">
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">How entries are ranked</h2>
          <p className="mt-2 text-sm text-slate-600">
            {board.normalize
              ? 'By normalised score: each judge’s scores become z-scores over every entry that judge scored, so harsh and lenient judges count alike; an entry’s normalised score is the mean of its judges’ z-scores, so it can rank above an entry with a higher weighted mean.'
              : 'By weighted mean: each judge’s weighted score (0–100), averaged over the entry’s judges.'}
          </p>
          <p className="mt-2 text-sm text-slate-600" data-testid="tie-break-rule">
            <span className="font-medium text-slate-800">Tie-break:</span> {board.tieBreakRule}
          </p>
          <p className="mt-2 text-sm text-slate-600">
            <span className="font-medium text-slate-800">Awards:</span> {AWARD_RULES}
          </p>
          <div className="mt-4">
            <div className="flex justify-between text-xs text-slate-500">
              <span>Scorecards submitted</span>
              <span className="tabular-nums">{board.progress.submitted} / {board.progress.assigned}</span>
            </div>
            <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label="Scorecards submitted" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
              <div className="h-full bg-violet-500" style={{ width: `${pct}%` }} />
            </div>
          </div>
        </Card>
        <Card className="p-5">
          {judging ? (
            <>
              <h2 className="font-semibold text-slate-900">Publish results</h2>
              <p className="mt-1 text-sm text-slate-600">
                Category winners are the first-ranked entries below. Publishing freezes all scores{ch.peoplesChoice ? ' and the People’s Choice vote' : ''}.
              </p>
              {board.winners.length === 0 ? (
                <p className="mt-3 text-sm text-amber-800">No entry has a submitted scorecard yet.</p>
              ) : (
                <ActionForm
                  action={publishAction}
                  fields={{ challengeId: ch.id, slug: ch.slug }}
                  label="Publish results"
                  size="md"
                  className="mt-3"
                  confirm={`Publish the results of ${ch.title}? Scores are frozen afterwards.${board.progress.submitted < board.progress.assigned ? ` ${board.progress.assigned - board.progress.submitted} scorecards are not submitted.` : ''}`}
                >
                  <label htmlFor="grand-prize" className="block text-sm font-medium text-slate-800">
                    Grand prize{ch.grandPrize ? ` (${ch.grandPrize})` : ''}
                  </label>
                  <select id="grand-prize" name="grandPrizeEntryId" defaultValue={board.defaultGrandPrize ?? ''} className={inputClass}>
                    {board.winners.map((w) => (
                      <option key={w.entryId} value={w.entryId}>
                        {w.appliance} — {w.category} winner{w.entryId === board.defaultGrandPrize ? ' (best score)' : ''}
                      </option>
                    ))}
                  </select>
                </ActionForm>
              )}
            </>
          ) : published ? (
            <>
              <h2 className="font-semibold text-slate-900">Published</h2>
              <p className="mt-1 text-sm text-slate-600">
                {ch.resultsPublishedAt ? formatInZone(ch.resultsPublishedAt, ch.timeZone) : ''}. Scores are frozen; a disqualification (Entries tab) recomputes the awards.
              </p>
              <Link href={`/challenges/${ch.slug}/results`} className="mt-3 inline-block text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
                Public results page →
              </Link>
            </>
          ) : (
            <>
              <h2 className="font-semibold text-slate-900">Not judging yet</h2>
              <p className="mt-1 text-sm text-slate-600">The leaderboard fills once judges submit scorecards.</p>
            </>
          )}
        </Card>
      </div>

      {board.categories.map((c) => (
        <Card key={c.id} data-testid={`leaderboard-${c.slug}`}>
          <CardHeader title={c.name} description={c.prize ? `Prize: ${c.prize}` : undefined} />
          {c.rows.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500">No entries in this category.</p>
          ) : (
            <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={`Ranking: ${c.name}`}>
              <table className="w-full min-w-[56rem] table-fixed text-left text-sm">
                <colgroup>
                  <col className="w-14" />
                  <col />
                  <col className="w-28" />
                  <col className="w-28" />
                  <col className="w-20" />
                  <col className="w-20" />
                  <col className="w-72" />
                </colgroup>
                <thead className="text-xs text-slate-500 uppercase">
                  <tr>
                    <th className="px-5 py-2 font-medium">#</th>
                    <th className="px-3 py-2 font-medium">Entry</th>
                    <th className="px-3 py-2 text-right font-medium" title="Mean of the judges’ weighted scores, 0–100">Weighted mean</th>
                    <th className="px-3 py-2 text-right font-medium" title="Mean of the judges’ z-scores">Normalised</th>
                    <th className="px-3 py-2 text-right font-medium" title="Highest minus lowest judge score">Spread</th>
                    <th className="px-3 py-2 text-right font-medium">Scores</th>
                    <th className="px-5 py-2 font-medium">Judges</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {c.rows.map((r) => (
                    <tr key={r.entryId} className={r.rank === 1 && r.scoreCount > 0 ? 'bg-amber-50/60' : undefined}>
                      <td className="px-5 py-3 font-semibold tabular-nums">{r.rank}</td>
                      <td className="px-3 py-3">
                        <Link href={r.href} className="font-medium text-slate-900 hover:text-brand-700">{r.appliance}</Link>
                        <p className="text-xs text-slate-500">
                          {r.publisher} · v{r.version} · <span className="font-mono">{r.label}</span>
                        </p>
                        <div className="mt-1 flex flex-wrap gap-1">
                          {awardsOf(r.entryId).map((a) => <Badge key={a.kind + a.title} tone="amber"><TrophyIcon className="mr-1" />{a.title}</Badge>)}
                          {r.tieBrokenBy && <Badge tone="violet">{TIE_LABEL[r.tieBrokenBy]}</Badge>}
                        </div>
                      </td>
                      <td className="px-3 py-3 text-right tabular-nums">{r.scoreCount ? fmt(r.weightedMean) : '—'}</td>
                      <td className={`px-3 py-3 text-right tabular-nums ${board.normalize ? 'font-semibold' : ''}`}>{r.scoreCount ? fmt(r.normalized, 2) : '—'}</td>
                      <td className="px-3 py-3 text-right tabular-nums">{r.scoreCount > 1 ? fmt(r.spread) : '—'}</td>
                      <td className="px-3 py-3 text-right tabular-nums">{r.scoreCount}</td>
                      <td className="px-5 py-3 text-xs text-slate-600">
                        {r.perJudge.map((p) => (
                          <span key={p.judgeId} className="mr-2 inline-block whitespace-nowrap">
                            {p.judge}: {fmt(p.score)} <span className="text-slate-500">(z {fmt(p.z, 2)})</span>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {c.disqualified.length > 0 && (
            <div className="border-t border-slate-100 px-5 py-3 text-sm">
              {c.disqualified.map((d) => (
                <p key={d.entryId} className="text-red-700">
                  Disqualified: {d.appliance} ({d.publisher}) — {d.reason}
                </p>
              ))}
            </div>
          )}
        </Card>
      ))}
    </div>
  );
}
