import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { ChallengeStateBadge } from '@/components/challenges/state-badge';
import { ChallengeTimeline } from '@/components/challenges/timeline';
import { ActionForm } from '@/components/challenges/action-form';
import { EnterForm } from '@/components/challenges/enter-form';
import { getActor } from '@/lib/server/auth/session';
import { getPublicChallenge } from '@/lib/server/challenges/get-public-challenge';
import { entryWindow } from '@/lib/server/challenges/entry-window';
import { listEligibleVersions } from '@/lib/server/challenges/list-eligible-versions';
import { listMyEntries } from '@/lib/server/challenges/list-my-entries';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { entriesDeadlineLabel } from '@/lib/core/challenges/logic/deadline-words';
import { weightShares } from '@/lib/core/challenges/logic/weight-shares';
import { withdrawAction } from '@/lib/server/challenges/actions/withdraw-entry';
import { voteAction } from '@/lib/server/challenges/actions/cast-vote';
import { TrophyIcon } from '@/components/challenges/icons';

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  const view = await getPublicChallenge(await getActor(), slug);
  return view ? { title: view.challenge.title, description: view.challenge.summary } : { title: 'Not found' };
}

const entryTone = { ACTIVE: 'green', WITHDRAWN: 'slate', DISQUALIFIED: 'red' } as const;

export default async function ChallengePage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  const actor = await getActor();
  const view = await getPublicChallenge(actor, slug);
  if (!view) notFound();
  const ch = view.challenge;
  const published = ch.state === 'RESULTS' || ch.state === 'ARCHIVED';
  const window = entryWindow(ch);
  const [mine, eligible] = actor
    ? await Promise.all([listMyEntries(actor, ch.id), window.ok ? listEligibleVersions(actor, ch.id) : Promise.resolve([])])
    : [[], []];
  const shares = weightShares(view.criteria.map((c) => c.weight));

  return (
    <div className="space-y-10">
      <section className="overflow-hidden rounded-2xl bg-gradient-to-br from-slate-900 via-brand-900 to-brand-700 px-6 py-10 text-white shadow-lg sm:px-10">
        <div className="flex flex-wrap items-center gap-2">
          <ChallengeStateBadge state={ch.state} />
          {ch.peoplesChoice && <Badge tone="violet">People’s Choice</Badge>}
          {ch.blind && <Badge tone="slate">Blind judging</Badge>}
        </div>
        <h1 className="mt-4 max-w-3xl text-3xl font-bold tracking-tight sm:text-4xl">{ch.title}</h1>
        {ch.summary && <p className="mt-3 max-w-2xl text-lg text-brand-100">{ch.summary}</p>}
        <div className="mt-6 flex flex-wrap items-center gap-x-8 gap-y-3 text-sm text-brand-100">
          <span>
            <span className="block text-xs tracking-wide text-brand-200 uppercase">{entriesDeadlineLabel(ch, new Date())}</span>
            <span className="font-semibold text-white">{formatInZone(ch.submissionsCloseAt, ch.timeZone)}</span>
          </span>
          <span>
            <span className="block text-xs tracking-wide text-brand-200 uppercase">Entries</span>
            <span className="font-semibold text-white">{view.entryCount}</span>
          </span>
          {ch.grandPrize && (
            <span>
              <span className="block text-xs tracking-wide text-brand-200 uppercase">Grand prize</span>
              <span className="font-semibold text-white">{ch.grandPrize}</span>
            </span>
          )}
          {published && (
            <ButtonLink href={`/challenges/${ch.slug}/results`} variant="secondary" className="ml-auto">
              See the winners →
            </ButtonLink>
          )}
        </div>
      </section>

      <ChallengeTimeline
        state={ch.state}
        timeZone={ch.timeZone}
        submissionsOpenAt={ch.submissionsOpenAt}
        submissionsCloseAt={ch.submissionsCloseAt}
        judgingCloseAt={ch.judgingCloseAt}
        resultsPublishedAt={ch.resultsPublishedAt}
      />

      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-8">
          <section aria-labelledby="categories-heading">
            <h2 id="categories-heading" className="mb-4 text-xl font-semibold">Categories and prizes</h2>
            <div className="grid gap-4 sm:grid-cols-2">
              {view.categories.map((c) => (
                <Card key={c.id} className="p-5">
                  <div className="flex items-start justify-between gap-3">
                    <h3 className="font-semibold text-slate-900">{c.name}</h3>
                    <span className="text-xs whitespace-nowrap text-slate-500">{c.entries} {c.entries === 1 ? 'entry' : 'entries'}</span>
                  </div>
                  {c.description && <p className="mt-1 text-sm text-slate-600">{c.description}</p>}
                  {c.prize && <p className="mt-3 text-sm font-medium text-amber-800"><TrophyIcon className="mr-1" />{c.prize}</p>}
                </Card>
              ))}
            </div>
          </section>

          {view.showEntries && (
            <section aria-labelledby="entries-heading">
              <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
                <h2 id="entries-heading" className="text-xl font-semibold">Entries</h2>
                {view.voting?.open && (
                  <p className="text-sm text-slate-600">
                    People’s Choice is open until {formatInZone(view.voting.closesAt!, ch.timeZone)}: one vote per category{actor ? '' : ' — sign in to vote'}.
                  </p>
                )}
              </div>
              {view.hideIdentity && <p className="mb-3 text-sm text-slate-500">Judging is blind: entrants are named when the results are published.</p>}
              <div className="space-y-6">
                {view.categories.map((c) => {
                  const list = view.entries.filter((e) => e.categoryId === c.id);
                  if (list.length === 0) return null;
                  return (
                    <div key={c.id}>
                      <h3 className="mb-2 text-sm font-semibold tracking-wide text-slate-500 uppercase">{c.name}</h3>
                      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
                        {list.map((e) => {
                          const myVote = view.voting?.mine[c.id] === e.id;
                          return (
                            <li key={e.id} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between" data-testid={`public-entry-${e.id}`}>
                              <div className="min-w-0">
                                <p className="font-medium text-slate-900">
                                  {e.href ? <Link href={e.href} className="hover:text-brand-700">{e.appliance}</Link> : e.appliance}
                                  <span className="ml-2 text-xs font-normal text-slate-500">v{e.version}</span>
                                </p>
                                <p className="truncate text-sm text-slate-600">{e.publisher ? `by ${e.publisher} · ` : ''}{e.summary}</p>
                              </div>
                              <div className="flex shrink-0 items-center gap-3">
                                {e.votes !== null && <span className="text-sm text-slate-600 tabular-nums">{e.votes} {e.votes === 1 ? 'vote' : 'votes'}</span>}
                                {myVote && <Badge tone="violet">Your vote</Badge>}
                                {e.yours && <Badge tone="slate">Your entry</Badge>}
                                {view.voting?.open && actor && !myVote && (!e.yours || view.voting.selfVote) && (
                                  <ActionForm action={voteAction} fields={{ challengeId: ch.id, entryId: e.id, slug: ch.slug }} label="Vote" buttonLabel={`Vote for ${e.appliance}`} variant="secondary" inline />
                                )}
                              </div>
                            </li>
                          );
                        })}
                      </ul>
                    </div>
                  );
                })}
              </div>
            </section>
          )}

          {ch.rules && (
            <section aria-labelledby="rules-heading">
              <h2 id="rules-heading" className="mb-4 text-xl font-semibold">Rules</h2>
              <Card className="p-6">
                <Markdown>{ch.rules}</Markdown>
              </Card>
            </section>
          )}

          <section aria-labelledby="rubric-heading">
            <h2 id="rubric-heading" className="mb-4 text-xl font-semibold">How entries are judged</h2>
            <Card>
              <ul className="divide-y divide-slate-100">
                {view.criteria.map((c, i) => (
                  <li key={c.id} className="flex items-start justify-between gap-4 px-5 py-3">
                    <div>
                      <p className="font-medium text-slate-900">{c.name}</p>
                      {c.description && <p className="text-sm text-slate-600">{c.description}</p>}
                    </div>
                    <div className="shrink-0 text-right text-sm">
                      <p className="font-semibold text-slate-900">{shares[i]}%</p>
                      <p className="text-xs text-slate-500">scale {c.scaleMin}–{c.scaleMax}</p>
                    </div>
                  </li>
                ))}
              </ul>
              <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
                {ch.judgesPerEntry} judges score each entry{ch.blind ? ' without knowing who made it' : ''}.{' '}
                {ch.normalizeScores ? 'Each judge’s scores are normalised (z-scores), so harsh and lenient judges count alike.' : 'Entries are ranked by their mean weighted score.'}
              </p>
            </Card>
          </section>
        </div>

        <aside className="space-y-6">
          <Card>
            <CardHeader title="Your entries" description={`Up to ${ch.entryLimit} per developer.`} />
            <div className="space-y-4 p-5">
              {!actor && (
                <p className="text-sm text-slate-600">
                  <Link href={`/sign-in?next=/challenges/${ch.slug}`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">Sign in</Link> to enter one of your appliances.
                </p>
              )}
              {mine.length > 0 && (
                <ul className="space-y-3" aria-label="Your entries">
                  {mine.map((e) => (
                    <li key={e.id} className="rounded-lg border border-slate-200 p-3" data-testid="my-entry">
                      <div className="flex items-start justify-between gap-2">
                        <div>
                          <p className="font-medium text-slate-900">{e.appliance.name} <span className="text-xs font-normal text-slate-500">v{e.version.version}</span></p>
                          <p className="text-xs text-slate-500">{e.category.name}</p>
                        </div>
                        <Badge tone={entryTone[e.status]}>{e.status.toLowerCase()}</Badge>
                      </div>
                      {e.disqualifyReason && <p className="mt-2 text-xs text-red-700">{e.disqualifyReason}</p>}
                      {e.awards.map((a) => <Badge key={a.title} tone="amber" className="mt-2"><TrophyIcon className="mr-1" />{a.title}</Badge>)}
                      {e.status === 'ACTIVE' && window.ok && (
                        <ActionForm
                          action={withdrawAction}
                          fields={{ entryId: e.id, slug: ch.slug }}
                          label="Withdraw"
                          buttonLabel={`Withdraw ${e.appliance.name}`}
                          variant="ghost"
                          className="mt-2"
                          confirm={`Withdraw ${e.appliance.name}? You can enter again before the deadline.`}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {actor && window.ok && eligible.length > 0 && (
                <EnterForm challengeId={ch.id} slug={ch.slug} appliances={eligible} categories={view.categories.map((c) => ({ id: c.id, name: c.name }))} />
              )}
              {actor && window.ok && eligible.length === 0 && (
                <p className="text-sm text-slate-600">
                  You have no appliance to enter: you need a published listing with a released version whose file is verified.{' '}
                  <Link href="/publish" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">Publish one</Link>.
                </p>
              )}
              {actor && !window.ok && mine.length === 0 && <p className="text-sm text-slate-600">{window.reason}</p>}
            </div>
          </Card>

          <Card>
            <CardHeader title="Key facts" />
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 px-5 py-4 text-sm">
              <dt className="text-slate-500">Time zone</dt>
              <dd>{ch.timeZone}</dd>
              <dt className="text-slate-500">Judges</dt>
              <dd>{ch.judges} on the panel · {ch.judgesPerEntry} per entry</dd>
              <dt className="text-slate-500">Judging</dt>
              <dd>{ch.blind ? 'Blind' : 'Open'}</dd>
              {ch.peoplesChoice && ch.votingOpensAt && ch.votingClosesAt && (
                <>
                  <dt className="text-slate-500">Voting</dt>
                  <dd>
                    {formatInZone(ch.votingOpensAt, ch.timeZone)} – {formatInZone(ch.votingClosesAt, ch.timeZone)}
                  </dd>
                </>
              )}
            </dl>
          </Card>
        </aside>
      </div>
    </div>
  );
}
