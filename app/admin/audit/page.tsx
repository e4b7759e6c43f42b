import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { Button, ButtonLink } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { listAuditLog } from '@/lib/server/challenges/list-audit-log';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';

export const metadata: Metadata = { title: 'Audit log · Admin' };

type Search = { challenge?: string; action?: string; actor?: string; page?: string };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** The fields worth a glance in the table; the full record is one click away. */
function summary(data: unknown): string {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return '';
  const d = data as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['from', 'to', 'action', 'appliance', 'version', 'category', 'score', 'email', 'role', 'method']) {
    const v = d[key];
    if (typeof v === 'string' || typeof v === 'number') parts.push(`${key}: ${typeof v === 'number' ? Math.round(v * 100) / 100 : v}`);
  }
  if (Array.isArray(d.added)) parts.push(`added: ${d.added.length}`);
  if (Array.isArray(d.removed) && d.removed.length) parts.push(`removed: ${d.removed.length}`);
  if (Array.isArray(d.changed) && d.changed.length) parts.push(`changed: ${(d.changed as unknown[]).slice(0, 6).join(', ')}`);
  return parts.join(' · ');
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActorWithRole('ADMIN');
  const sp = await searchParams;
  const filter: Search = { challenge: one(sp.challenge), action: one(sp.action), actor: one(sp.actor), page: one(sp.page) };
  const log = await listAuditLog(actor, {
    challengeId: filter.challenge || undefined,
    action: filter.action || undefined,
    actor: filter.actor || undefined,
    page: Number(filter.page) || 1,
  });
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    if (filter.challenge) q.set('challenge', filter.challenge);
    if (filter.action) q.set('action', filter.action);
    if (filter.actor) q.set('actor', filter.actor);
    q.set('page', String(page));
    return `/admin/audit?${q}`;
  };
  return (
    <div>
      <PageHeader title="Audit log" description="Every state change, assignment, score submission and change, publication and disqualification, with who and when." />
      <form method="get" className="mb-6 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-[1fr_1fr_1fr_auto]" role="search" aria-label="Filter the audit log">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Challenge</span>
          <select name="challenge" defaultValue={filter.challenge} className={inputClass}>
            <option value="">All</option>
            {log.challenges.map((c) => (
              <option key={c.id} value={c.id}>{c.title}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Action</span>
          <select name="action" defaultValue={filter.action} className={inputClass}>
            <option value="">All</option>
            {log.actions.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Actor</span>
          <input name="actor" defaultValue={filter.actor} placeholder="name, e-mail or “system”" className={inputClass} />
        </label>
        <div className="flex items-end gap-2">
          <Button type="submit">Filter</Button>
          <ButtonLink href="/admin/audit" variant="ghost">Reset</ButtonLink>
        </div>
      </form>

      {log.rows.length === 0 ? (
        <EmptyState title="Nothing matches these filters." />
      ) : (
        <Card className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Audit log">
          <table className="table-stack w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-3 font-medium">When (UTC)</th>
                <th className="px-4 py-3 font-medium">Actor</th>
                <th className="px-4 py-3 font-medium">Action</th>
                <th className="px-4 py-3 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {log.rows.map((r) => (
                <tr key={r.id} className="align-top" data-testid="audit-row">
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatInZone(r.createdAt, 'UTC')}</td>
                  <td className="px-4 py-3" data-label="Actor">
                    {r.actor ? (
                      <>
                        <p className="font-medium text-slate-900">{r.actor.name}</p>
                        <p className="text-xs text-slate-500">{r.actor.email}</p>
                      </>
                    ) : (
                      <span className="text-slate-500 italic">system (clock)</span>
                    )}
                  </td>
                  <td className="px-4 py-3" data-label="Action">
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{r.action}</span>
                    <p className="mt-1 text-xs text-slate-500">{r.targetType} <span className="font-mono">{r.targetId.slice(0, 12)}</span></p>
                  </td>
                  <td className="px-4 py-3 text-slate-700" data-label="Details">
                    {r.reason && <p><span className="font-medium">Reason:</span> {r.reason}</p>}
                    {summary(r.data) && <p className="text-xs text-slate-500">{summary(r.data)}</p>}
                    {r.data != null && (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-brand-700">Full record</summary>
                        <pre tabIndex={0} role="region" aria-label="Full record" className="mt-1 max-h-64 max-w-xl overflow-auto max-sm:max-w-[calc(100vw-5rem)] rounded bg-slate-900 p-2 text-xs text-slate-100">{JSON.stringify(r.data, null, 2)}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {log.total} {log.total === 1 ? 'entry' : 'entries'} · page {log.page} of {log.pages}
        </span>
        <span className="flex gap-2">
          {log.page > 1 && <Link className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50" href={pageHref(log.page - 1)}>← Newer</Link>}
          {log.page < log.pages && <Link className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50" href={pageHref(log.page + 1)}>Older →</Link>}
        </span>
      </nav>
    </div>
  );
}
