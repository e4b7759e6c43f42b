import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { Badge } from '@/components/ui/badge';
import { listPublicChallenges } from '@/lib/challenges/list-challenges';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Challenges' };

const tone = { DRAFT: 'slate', OPEN: 'green', JUDGING: 'violet', RESULTS: 'amber', ARCHIVED: 'slate' } as const;

export default async function ChallengesPage() {
  const challenges = await listPublicChallenges();
  return (
    <div>
      <PageHeader title="Challenges" description="Judged contests for the best virtual appliances: enter yours, vote for People's Choice, see the winners." />
      {challenges.length === 0 && <EmptyState title="No challenges yet." />}
      <div className="space-y-4">
        {challenges.map((c) => (
          <Link key={c.id} href={`/challenges/${c.slug}`} className="block rounded-xl border border-slate-200 bg-white p-6 shadow-sm hover:border-brand-300">
            <div className="flex flex-wrap items-center gap-3">
              <h2 className="text-lg font-semibold">{c.title}</h2>
              <Badge tone={tone[c.state]}>{c.state.toLowerCase()}</Badge>
            </div>
            {c.summary && <p className="mt-2 text-slate-600">{c.summary}</p>}
            <p className="mt-3 text-sm text-slate-500">
              Submissions {formatDateTime(c.submissionsOpenAt, c.timeZone)} – {formatDateTime(c.submissionsCloseAt, c.timeZone)} · {c._count.categories}{' '}
              categories · {c._count.entries} entries
            </p>
          </Link>
        ))}
      </div>
    </div>
  );
}
