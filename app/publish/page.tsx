import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreatePublisherForm } from '@/components/publish/publisher-form';
import { PublisherDashboard } from '@/components/publish/publisher-dashboard';
import { pageActor } from '@/lib/server/auth/guards';
import { getPublisherDashboard } from '@/lib/server/publishers/get-publisher-dashboard';

export const metadata: Metadata = { title: 'Publish' };

const STEPS = [
  ['Create your publisher profile', 'Your handle is the first half of every appliance name, like acme/webserver.'],
  ['Describe your appliance', 'Name, summary, description in markdown, screenshots, license.'],
  ['Upload images', 'OVA, OVF, VMDK, qcow2, raw, ISO or Vagrant boxes, straight to storage; pause and resume any time.'],
  ['Verification and review', 'Every file is checked (checksums, manifests, ovftool signatures, formats); an admin approves the first publication.'],
];

export default async function PublishPage() {
  const actor = await pageActor();
  const data = await getPublisherDashboard(actor);
  if (data) return <PublisherDashboard data={data} />;
  return (
    <div className="mx-auto grid max-w-5xl gap-8 lg:grid-cols-[1fr_22rem]">
      <div>
        <PageHeader title="Become a publisher" description="Create your publisher profile to list appliances. Your account becomes a developer account." />
        <Card className="p-6">
          <CreatePublisherForm />
        </Card>
      </div>
      <aside className="lg:pt-24">
        <h2 className="text-sm font-semibold tracking-wide text-slate-500 uppercase">How publishing works</h2>
        <ol className="mt-4 space-y-4">
          {STEPS.map(([title, text], i) => (
            <li key={title} className="flex gap-3">
              <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
                {i + 1}
              </span>
              <div>
                <p className="font-medium text-slate-900">{title}</p>
                <p className="text-sm text-slate-600">{text}</p>
              </div>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
