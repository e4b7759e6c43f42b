import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { getAdminOverview } from '@/lib/server/admin/get-admin-overview';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  const actor = await pageActorWithRole('ADMIN');
  const o = await getAdminOverview(actor);
  const tiles = [
    { label: 'Listings waiting for review', value: o.inReview, href: '/admin/moderation' },
    { label: 'Files being inspected', value: o.filesPending, href: '/admin/moderation' },
    { label: 'Open review reports', value: o.openReports, href: '/admin/reports' },
    { label: 'Running challenges', value: o.challenges, href: '/admin/challenges' },
    { label: 'Published appliances', value: o.published, href: '/browse' },
    { label: 'Accounts', value: o.users, href: '/admin/users' },
  ];
  return (
    <div>
      <PageHeader title="Admin" description="Moderate listings, manage roles, run challenges." />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {tiles.map((t) => (
          <Link key={t.label} href={t.href} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-300">
            <p className="text-3xl font-bold text-slate-900">{t.value}</p>
            <p className="mt-1 text-sm text-slate-600">{t.label}</p>
          </Link>
        ))}
      </div>
    </div>
  );
}
