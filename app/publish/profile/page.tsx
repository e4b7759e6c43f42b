import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { redirect } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Button } from '@/components/ui/button';
import { AvatarForm, PublisherProfileForm } from '@/components/publish/profile-forms';
import { PublisherAvatar } from '@/components/publish/publisher-avatar';
import { pageActor } from '@/lib/server/auth/guards';
import { getPublisherForOwner } from '@/lib/server/publishers/create-publisher';
import { removeAvatarAction } from '@/lib/server/publishers/actions/remove-avatar';

export const metadata: Metadata = { title: 'Publisher profile' };

export default async function PublisherProfilePage() {
  const actor = await pageActor();
  const publisher = await getPublisherForOwner(actor.id);
  if (!publisher) redirect('/publish');
  return (
    <div className="mx-auto max-w-4xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/publish" className="hover:text-slate-800">
          Publish
        </Link>{' '}
        / Profile
      </nav>
      <PageHeader title="Publisher profile" description={<>Your handle <span className="font-mono">@{publisher.handle}</span> is part of every appliance address and cannot change.</>} />
      <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
        <Card>
          <CardHeader title="Profile" description="Shown to everyone on your appliances’ pages." />
          <div className="p-5">
            <PublisherProfileForm initial={{ displayName: publisher.displayName, url: publisher.url, bio: publisher.bio }} />
          </div>
        </Card>
        <Card className="self-start">
          <CardHeader title="Avatar" />
          <div className="space-y-4 p-5">
            <div className="flex items-center gap-3">
              <PublisherAvatar handle={publisher.handle} name={publisher.displayName} hasAvatar={!!publisher.avatarKey} size={72} version={publisher.avatarKey ?? undefined} />
              {publisher.avatarKey && (
                <form action={removeAvatarAction}>
                  <Button type="submit" variant="ghost" size="sm">
                    Remove
                  </Button>
                </form>
              )}
            </div>
            <AvatarForm />
          </div>
        </Card>
      </div>
    </div>
  );
}
