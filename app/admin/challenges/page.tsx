import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ChallengeStateBadge } from '@/components/challenges/state-badge';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { listAdminChallenges } from '@/lib/server/challenges/list-admin-challenges';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';

export const metadata: Metadata = { title: 'Challenges · Admin' };

export default async function AdminChallengesPage() {
  const actor = await pageActorWithRole('ADMIN');
  const challenges = await listAdminChallenges(actor);
  return (
    <div>
      <PageHeader
        title="Challenges"
        description="Create challenges, move them through their phases, assign judges and publish results."
        actions={<ButtonLink href="/admin/challenges/new">New challenge</ButtonLink>}
      />
      {challenges.length === 0 ? (
        <EmptyState title="No challenges yet.">Create the first one: categories, a rubric and a schedule.</EmptyState>
      ) : (
        <Card className="relative overflow-x-auto">
          <table className="table-stack w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-3 font-medium">Challenge</th>
                <th className="px-4 py-3 font-medium">State</th>
                <th className="px-4 py-3 font-medium">Submissions close</th>
                <th className="px-4 py-3 text-right font-medium">Entries</th>
                <th className="px-4 py-3 text-right font-medium">Judges</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {challenges.map((c) => (
                <tr key={c.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/admin/challenges/${c.slug}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {c.title}
                    </Link>
                    <p className="font-mono text-xs text-slate-500">{c.slug}</p>
                  </td>
                  <td className="px-4 py-3" data-label="State">
                    <ChallengeStateBadge state={c.effective} />
                    {c.effective !== c.state && <p className="mt-1 text-xs text-amber-700">closing (clock)</p>}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600" data-label="Submissions close">{formatInZone(c.submissionsCloseAt, c.timeZone)}</td>
                  <td className="px-4 py-3 text-right tabular-nums" data-label="Entries">{c._count.entries}</td>
                  <td className="px-4 py-3 text-right tabular-nums" data-label="Judges">{c._count.judges}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
