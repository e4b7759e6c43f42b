import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { ChallengeStateBadge } from '@/components/challenges/state-badge';
import { listPublicChallenges } from '@/lib/server/challenges/list-public-challenges';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { entriesDeadlineLabel } from '@/lib/core/challenges/logic/deadline-words';

export const metadata: Metadata = { title: 'Challenges' };

export default async function ChallengesPage() {
  const challenges = await listPublicChallenges();
  const now = new Date();
  return (
    <div>
      <PageHeader title="Challenges" description="Judged contests for the best virtual appliances: enter yours, vote for People's Choice, see the winners." />
      {challenges.length === 0 && <EmptyState title="No challenges yet." />}
      <ul className="grid gap-5 lg:grid-cols-2">
        {challenges.map((c) => (
          <li key={c.id}>
            <Link
              href={`/challenges/${c.slug}`}
              className="group flex h-full flex-col rounded-2xl border border-slate-200 bg-white p-6 shadow-sm transition hover:border-brand-300 hover:shadow-md"
            >
              <div className="flex flex-wrap items-center gap-2">
                <ChallengeStateBadge state={c.state} />
                {c.peoplesChoice && <span className="text-xs font-medium text-slate-500">People’s Choice</span>}
              </div>
              <h2 className="mt-3 text-xl font-semibold text-slate-900 group-hover:text-brand-700">{c.title}</h2>
              {c.summary && <p className="mt-2 text-slate-600">{c.summary}</p>}
              {c.categories.length > 0 && (
                <p className="mt-3 flex flex-wrap gap-1.5">
                  {c.categories.map((cat) => (
                    <span key={cat.name} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                      {cat.name}
                    </span>
                  ))}
                </p>
              )}
              <dl className="mt-auto grid grid-cols-2 gap-3 pt-5 text-sm">
                <div>
                  <dt className="text-slate-500">{entriesDeadlineLabel(c, now)}</dt>
                  <dd className="font-medium text-slate-800">{formatInZone(c.submissionsCloseAt, c.timeZone)}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Entries</dt>
                  <dd className="font-medium text-slate-800">{c._count.entries}</dd>
                </div>
              </dl>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
