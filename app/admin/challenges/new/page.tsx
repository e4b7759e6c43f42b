import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { ChallengeEditor } from '@/components/challenges/challenge-editor';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { editorLocks, newChallengeValues, timeZones } from '@/lib/core/challenges/editor-values';
import { createChallengeAction } from '@/lib/server/challenges/actions/create-challenge';

export const metadata: Metadata = { title: 'New challenge · Admin' };

export default async function NewChallengePage() {
  await pageActorWithRole('ADMIN');
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/admin/challenges" className="hover:text-slate-800">Challenges</Link> / New
      </nav>
      <PageHeader title="New challenge" description="It starts as a draft: nobody sees it until you open it for entries." />
      <ChallengeEditor action={createChallengeAction} initial={newChallengeValues()} locks={editorLocks('DRAFT')} zones={timeZones()} submitLabel="Create draft" />
    </div>
  );
}
