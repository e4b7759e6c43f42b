import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreatePublisherForm } from '@/components/publish/publisher-form';
import { pageActor } from '@/lib/auth/guards';
import { getPublisherForOwner } from '@/lib/publishers/create-publisher';
import { PublisherDashboard } from '@/components/publish/publisher-dashboard';

export const metadata: Metadata = { title: 'Publish' };

export default async function PublishPage() {
  const actor = await pageActor();
  const publisher = await getPublisherForOwner(actor.id);
  if (!publisher) {
    return (
      <div className="mx-auto max-w-2xl">
        <PageHeader
          title="Become a publisher"
          description="Create your publisher profile to list appliances. Your account becomes a developer account."
        />
        <Card className="p-6">
          <CreatePublisherForm />
        </Card>
      </div>
    );
  }
  return <PublisherDashboard actor={actor} publisher={{ id: publisher.id, handle: publisher.handle, displayName: publisher.displayName }} />;
}
