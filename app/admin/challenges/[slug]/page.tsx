import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { Card } from '@/components/ui/card';
import { ChallengeEditor } from '@/components/challenges/challenge-editor';
import { ChallengeTimeline } from '@/components/challenges/timeline';
import { LifecycleActions } from '@/components/challenges/lifecycle-actions';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { getAdminChallenge } from '@/lib/server/challenges/get-admin-challenge';
import { editorLocks, storedChallengeValues, timeZones } from '@/lib/core/challenges/editor-values';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { updateChallengeAction } from '@/lib/server/challenges/actions/update-challenge';

export const metadata: Metadata = { title: 'Challenge · Admin' };

const NEXT: Record<string, { title: string; text: string }> = {
  DRAFT: { title: 'Open for entries', text: 'Developers can enter from the submission opening time until the deadline.' },
  OPEN: { title: 'Close submissions now', text: 'Otherwise the clock closes them at the deadline. Closing assigns the judges automatically.' },
  JUDGING: { title: 'Publish results', text: 'Review the leaderboard, choose the grand prize and publish. Scores are then frozen.' },
  RESULTS: { title: 'Archive', text: 'Keeps the results public; nothing can change any more except disqualifications.' },
  ARCHIVED: { title: 'Archived', text: 'The challenge is complete.' },
};

export default async function AdminChallengePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await pageActorWithRole('ADMIN');
  const { slug } = await params;
  const { challenge: ch, effective, actions, counts } = await getAdminChallenge(actor, slug);
  const next = NEXT[ch.state];
  const stats = [
    { label: 'Active entries', value: counts.active, href: `/admin/challenges/${ch.slug}/entries` },
    { label: 'Judges', value: counts.judges, href: `/admin/challenges/${ch.slug}/judges` },
    { label: 'Assignments', value: counts.assignments, href: `/admin/challenges/${ch.slug}/judges` },
    { label: 'Scorecards submitted', value: `${counts.submitted}${counts.assignments ? ` / ${counts.assignments}` : ''}`, href: `/admin/challenges/${ch.slug}/results` },
    ...(ch.peoplesChoice ? [{ label: 'People’s Choice votes', value: counts.votes, href: `/admin/challenges/${ch.slug}/results` }] : []),
  ];
  return (
    <div className="space-y-8">
      <section aria-labelledby="lifecycle" className="space-y-4">
        <h2 id="lifecycle" className="sr-only">Life cycle</h2>
        <ChallengeTimeline
          showDraft
          state={effective}
          timeZone={ch.timeZone}
          submissionsOpenAt={ch.submissionsOpenAt}
          submissionsCloseAt={ch.submissionsCloseAt}
          judgingCloseAt={ch.judgingCloseAt}
          resultsPublishedAt={ch.resultsPublishedAt}
        />
        <Card className="flex flex-col gap-4 p-5 md:flex-row md:items-center md:justify-between">
          <div>
            <p className="font-semibold text-slate-900">Next step: {next.title}</p>
            <p className="mt-1 text-sm text-slate-600">{next.text}</p>
            {ch.state === 'OPEN' && effective === 'JUDGING' && (
              <p className="mt-2 text-sm text-amber-800">
                The deadline ({formatInZone(ch.submissionsCloseAt, ch.timeZone)}) has passed: no entries are accepted, and the clock will close the challenge
                and assign judges within a minute.
              </p>
            )}
          </div>
          <LifecycleActions challengeId={ch.id} slug={ch.slug} actions={actions} deadlinePassed={ch.state === 'OPEN' && effective === 'JUDGING'} />
        </Card>
        {/* Each figure is a link to its page: a list of links, not a definition list (links cannot hold dt/dd). */}
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {stats.map((s) => (
            <li key={s.label}>
              <Link href={s.href} className="block h-full rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300">
                <span className="block text-xs text-slate-500">{s.label}</span>
                <span className="mt-1 block text-2xl font-semibold text-slate-900 tabular-nums">{s.value}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="settings">
        <div className="mb-4">
          <h2 id="settings" className="text-xl font-semibold text-slate-900">Settings</h2>
          <p className="mt-1 text-sm text-slate-500">Created by {ch.createdBy?.name ?? 'an admin'}. Times are in {ch.timeZone}.</p>
        </div>
        <ChallengeEditor
          key={ch.updatedAt.toISOString()}
          action={updateChallengeAction.bind(null, ch.id)}
          initial={storedChallengeValues(ch)}
          locks={editorLocks(ch.state)}
          zones={timeZones()}
          submitLabel="Save changes"
          originalSlug={ch.slug}
        />
      </section>
    </div>
  );
}
