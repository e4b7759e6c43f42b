import Link from 'next/link';
import { listOwnAppliances } from '@/lib/publishers/list-own-appliances';
import type { Actor } from '@/lib/auth/roles';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatCount } from '@/lib/format';

const tone = { DRAFT: 'slate', IN_REVIEW: 'amber', PUBLISHED: 'green', REJECTED: 'red', UNLISTED: 'slate' } as const;

export async function PublisherDashboard({ actor, publisher }: { actor: Actor; publisher: { id: string; handle: string; displayName: string } }) {
  const appliances = await listOwnAppliances(actor);
  return (
    <div>
      <PageHeader title={publisher.displayName} description={<span className="font-mono">{publisher.handle}</span>} />
      {appliances.length === 0 ? (
        <EmptyState title="No appliances yet." />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {appliances.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-4 px-5 py-4">
                <div>
                  <Link href={`/appliances/${publisher.handle}/${a.slug}`} className="font-medium hover:underline">
                    {a.name}
                  </Link>
                  <p className="text-sm text-slate-500">
                    {a.latestVersion ?? 'no release'} · {a._count.versions} versions · {formatCount(a.downloadCount)} downloads
                  </p>
                </div>
                <Badge tone={tone[a.status]}>{a.status.replace('_', ' ').toLowerCase()}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
