import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { NewListingForm } from '@/components/publish/new-listing-form';
import { pageActor } from '@/lib/server/auth/guards';
import { getPublisherForOwner } from '@/lib/server/publishers/create-publisher';
import { listCategories } from '@/lib/server/appliances/list-categories';

export const metadata: Metadata = { title: 'New appliance' };

export default async function NewAppliancePage() {
  const actor = await pageActor();
  const publisher = await getPublisherForOwner(actor.id);
  if (!publisher) redirect('/publish');
  const categories = await listCategories();
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/publish" className="hover:text-slate-800">
          Publish
        </Link>{' '}
        / New appliance
      </nav>
      <PageHeader title="New appliance" description="Start with the basics; you add the description, screenshots, versions and files next." />
      <Card className="p-6">
        <NewListingForm handle={publisher.handle} categories={categories} />
      </Card>
    </div>
  );
}
