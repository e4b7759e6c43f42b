import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/field';
import { ActionForm } from '@/components/challenges/action-form';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { listAdminEntries } from '@/lib/server/challenges/list-admin-entries';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { disqualifyAction } from '@/lib/server/challenges/actions/disqualify-entry';
import { TrophyIcon } from '@/components/challenges/icons';

export const metadata: Metadata = { title: 'Entries · Admin' };

const tone = { ACTIVE: 'green', WITHDRAWN: 'slate', DISQUALIFIED: 'red' } as const;

export default async function AdminEntriesPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await pageActorWithRole('ADMIN');
  const { slug } = await params;
  const { challenge: ch, entries } = await listAdminEntries(actor, slug);
  if (entries.length === 0) return <EmptyState title="No entries yet." />;
  return (
    <Card className="relative overflow-x-auto">
      <table className="table-stack w-full min-w-[56rem] table-fixed text-left text-sm">
        <colgroup>
          <col />
          <col className="w-44" />
          <col className="w-40" />
          <col className="w-36" />
          <col className="w-48" />
        </colgroup>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-3 font-medium">Entry</th>
            <th className="px-4 py-3 font-medium">Entrant</th>
            <th className="px-4 py-3 font-medium">Category</th>
            <th className="px-4 py-3 font-medium">Judging</th>
            <th className="px-4 py-3 font-medium">State</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id} className="align-top" data-testid={`entry-row-${e.id}`}>
              <td className="px-4 py-3">
                <Link href={`/appliances/${e.appliance.publisher.handle}/${e.appliance.slug}`} className="font-medium text-slate-900 hover:text-brand-700">
                  {e.appliance.name}
                </Link>
                <p className="text-xs text-slate-500">
                  <span className="font-mono">{e.label}</span> · version {e.version.version} · entered {formatInZone(e.createdAt, 'UTC')}
                </p>
                {e.awards.length > 0 && <p className="mt-1 flex flex-wrap gap-1">{e.awards.map((a) => <Badge key={a.title} tone="amber"><TrophyIcon className="mr-1" />{a.title}</Badge>)}</p>}
              </td>
              <td className="px-4 py-3" data-label="Entrant">
                <p>{e.entrant.name}</p>
                <p className="text-xs text-slate-500">{e.appliance.publisher.displayName}</p>
              </td>
              <td className="px-4 py-3" data-label="Category">{e.category.name}</td>
              <td className="px-4 py-3 tabular-nums" data-label="Judging">{e.submitted} / {e._count.assignments} scored{e._count.votes ? ` · ${e._count.votes} votes` : ''}</td>
              <td className="px-4 py-3" data-label="State">
                <Badge tone={tone[e.status]}>{e.status.toLowerCase()}</Badge>
                {e.disqualifyReason && <p className="mt-1 max-w-xs text-xs text-red-700">{e.disqualifyReason}</p>}
                {e.status === 'ACTIVE' && ch.state !== 'DRAFT' && (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-xs font-medium whitespace-nowrap text-red-700">Disqualify…</summary>
                    <ActionForm
                      action={disqualifyAction}
                      fields={{ slug: ch.slug, entryId: e.id }}
                      label="Disqualify"
                      buttonLabel={`Disqualify ${e.appliance.name}`}
                      variant="danger"
                      className="mt-2"
                      confirm={`Disqualify ${e.appliance.name}? ${ch.state === 'RESULTS' || ch.state === 'ARCHIVED' ? 'The awards will be recomputed.' : ''}`}
                    >
                      <label htmlFor={`dq-${e.id}`} className="text-xs text-slate-600">Reason (shown on the results page and logged)</label>
                      <textarea id={`dq-${e.id}`} name="reason" required minLength={5} rows={2} className={inputClass} />
                    </ActionForm>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
