import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { ChallengeStateBadge } from '@/components/challenges/state-badge';
import { AdminChallengeTabs } from '@/components/challenges/admin-tabs';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { getAdminChallengeHeader } from '@/lib/server/challenges/get-admin-challenge';

export default async function AdminChallengeLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const actor = await pageActorWithRole('ADMIN');
  const { slug } = await params;
  const challenge = await getAdminChallengeHeader(actor, slug);
  if (!challenge) notFound();
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/admin/challenges" className="hover:text-slate-800">Challenges</Link> / {challenge.title}
      </nav>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{challenge.title}</h1>
        <ChallengeStateBadge state={challenge.effective} />
        {challenge.state !== 'DRAFT' && (
          <Link href={`/challenges/${challenge.slug}`} className="ml-auto text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
            Public page ↗
          </Link>
        )}
      </div>
      <AdminChallengeTabs slug={challenge.slug} />
      {children}
    </div>
  );
}
