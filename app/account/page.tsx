import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import Link from 'next/link';
import { pageActor } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await pageActor();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Your account" />
      <Card className="p-6">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-3 text-sm">
          <dt className="text-slate-500">Name</dt>
          <dd>{actor.name}</dd>
          <dt className="text-slate-500">E-mail</dt>
          <dd>{actor.email}</dd>
          <dt className="text-slate-500">Roles</dt>
          <dd className="flex gap-1">
            {actor.roles.map((r) => (
              <Badge key={r}>{r.toLowerCase()}</Badge>
            ))}
          </dd>
        </dl>
      </Card>
      <Card className="mt-6 flex items-center justify-between gap-4 p-6">
        <div>
          <h2 className="font-semibold text-slate-900">API tokens</h2>
          <p className="text-sm text-slate-600">Personal tokens for the API and the apx command-line client, scoped read or publish.</p>
        </div>
        <Link href="/account/tokens" className="shrink-0 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          Manage tokens →
        </Link>
      </Card>
    </div>
  );
}
