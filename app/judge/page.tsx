import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { ChallengeStateBadge } from '@/components/challenges/state-badge';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { listJudgeAssignments } from '@/lib/server/challenges/list-judge-assignments';
import { judgingDeadlineText } from '@/lib/core/challenges/logic/deadline-words';

export const metadata: Metadata = { title: 'Judging' };

export default async function JudgePage() {
  const actor = await pageActorWithRole('JUDGE');
  const challenges = await listJudgeAssignments(actor);
  const now = new Date();
  return (
    <div>
      <PageHeader title="Judging" description="The entries assigned to you, challenge by challenge." />
      {challenges.length === 0 && <EmptyState title="You are not judging any challenge yet." />}
      <div className="grid gap-4 lg:grid-cols-2">
        {challenges.map((c) => (
          <Link key={c.id} href={`/judge/${c.slug}`} className="block rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-300">
            <div className="flex items-center justify-between gap-3">
              <h2 className="font-semibold text-slate-900">{c.title}</h2>
              <ChallengeStateBadge state={c.state} />
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {c.submitted} of {c.assigned} scored · {judgingDeadlineText(c, now)}
            </p>
            <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={c.assigned} aria-valuenow={c.submitted} aria-label={`${c.title} scoring progress`}>
              <div className="h-full bg-violet-500" style={{ width: `${c.assigned ? (100 * c.submitted) / c.assigned : 0}%` }} />
            </div>
          </Link>
        ))}
      </div>
    </div>
  );
}
