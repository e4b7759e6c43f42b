import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/field';
import { ActionForm } from '@/components/challenges/action-form';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { getJudgingOverview } from '@/lib/server/challenges/get-judging-overview';
import { formatDate } from '@/lib/core/format';
import { addJudgeAction } from '@/lib/server/challenges/actions/add-judge';
import { assignByHandAction } from '@/lib/server/challenges/actions/assign-judge-by-hand';
import { reassignAction } from '@/lib/server/challenges/actions/reassign-judge';
import { removeJudgeAction } from '@/lib/server/challenges/actions/remove-judge';
import { rerunAssignmentAction } from '@/lib/server/challenges/actions/rerun-assignment';

export const metadata: Metadata = { title: 'Judges · Admin' };

const cardTone = { SUBMITTED: 'green', DRAFT: 'amber' } as const;

// The form controls' look without their full width, for fields that sit in a row.
const inlineField =
  'h-8 w-56 rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none';

export default async function AdminJudgesPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await pageActorWithRole('ADMIN');
  const { slug } = await params;
  const o = await getJudgingOverview(actor, slug);
  const ch = o.challenge;
  const judging = ch.state === 'JUDGING';
  const short = o.entries.filter((e) => e.short > 0);
  return (
    <div className="space-y-8">
      <div className="grid items-start gap-6 xl:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader title="Panel" description={`${o.judges.length} judges · ${ch.judgesPerEntry} per entry · ${ch.blind ? 'blind' : 'not blind'}`} />
          {o.judges.length === 0 ? (
            <p className="px-5 py-6 text-sm text-slate-500">No judges yet. Add users who hold the judge role.</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="table-stack w-full text-left text-sm">
                <thead className="text-xs text-slate-500 uppercase">
                  <tr>
                    <th className="px-5 py-2 font-medium">Judge</th>
                    <th className="px-3 py-2 text-right font-medium">Assigned</th>
                    <th className="px-3 py-2 text-right font-medium">Submitted</th>
                    <th className="px-3 py-2 text-right font-medium">Conflicts</th>
                    <th className="px-5 py-2"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {o.judges.map((j) => (
                    <tr key={j.id} data-testid={`judge-row-${j.email}`}>
                      <td className="px-5 py-3">
                        <p className="font-medium text-slate-900">{j.name}</p>
                        <p className="text-xs text-slate-500">{j.email}</p>
                        {!j.hasRole && <Badge tone="red" className="mt-1">judge role removed</Badge>}
                      </td>
                      <td className="px-3 py-3 text-right tabular-nums" data-label="Assigned">{j.assigned}</td>
                      <td className="px-3 py-3 text-right tabular-nums" data-label="Submitted">{j.submitted}</td>
                      <td className="px-3 py-3 text-right tabular-nums" data-label="Conflicts">{j.conflicts}</td>
                      <td className="px-5 py-3 text-right">
                        {j.submitted === 0 && ch.state !== 'RESULTS' && ch.state !== 'ARCHIVED' && (
                          <ActionForm
                            action={removeJudgeAction}
                            fields={{ challengeId: ch.id, slug: ch.slug, userId: j.id }}
                            label="Remove"
                            buttonLabel={`Remove ${j.email} from the panel`}
                            variant="ghost"
                            confirm={`Remove ${j.name} from the panel? Their unsubmitted assignments go to other judges.`}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <div className="space-y-6">
          {ch.state !== 'RESULTS' && ch.state !== 'ARCHIVED' && (
            <Card className="p-5">
              <h2 className="font-semibold text-slate-900">Add a judge</h2>
              <p className="mt-1 mb-3 text-sm text-slate-500">Any account with the judge role (grant it under Users and roles).</p>
              <ActionForm action={addJudgeAction} fields={{ challengeId: ch.id, slug: ch.slug }} label="Add to panel" size="md">
                <label htmlFor="judge-email" className="sr-only">Judge’s e-mail address</label>
                <input id="judge-email" name="email" type="email" required placeholder="judge@example.com" className={inputClass} />
              </ActionForm>
            </Card>
          )}
          <Card className="p-5">
            <h2 className="font-semibold text-slate-900">Automatic assignment</h2>
            <p className="mt-1 mb-3 text-sm text-slate-500">
              Runs when submissions close: {ch.judgesPerEntry} judges per entry, loads within one of each other, never a judge with a conflict or the entrant,
              reproducible from the challenge’s seed. Running it again keeps every assignment a judge has started.
            </p>
            {judging ? (
              <ActionForm action={rerunAssignmentAction} fields={{ challengeId: ch.id, slug: ch.slug }} label="Run assignment again" variant="secondary" />
            ) : (
              <p className="text-sm text-slate-500">Available while judging.</p>
            )}
            {short.length > 0 && (
              <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
                {short.length} {short.length === 1 ? 'entry needs' : 'entries need'} more judges.
              </p>
            )}
          </Card>
        </div>
      </div>

      <Card>
        <CardHeader title="Assignments" description="Reassigning by hand needs a reason; it is logged. Submitted scorecards stay where they are." />
        {o.entries.length === 0 ? (
          <div className="p-5"><EmptyState title="No entries yet." /></div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {o.entries.map((e) => (
              <li key={e.id} className="px-5 py-4" data-testid={`assignment-entry-${e.id}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-xs text-slate-500">{e.label}</span>
                  <span className="font-medium text-slate-900">{e.appliance}</span>
                  <span className="text-sm text-slate-500">by {e.entrant} · {e.category}</span>
                  {e.status !== 'ACTIVE' && <Badge tone="red">{e.status.toLowerCase()}</Badge>}
                  {e.short > 0 && <Badge tone="amber">needs {e.short} more</Badge>}
                </div>
                {e.assignments.length > 0 && (
                  <ul className="mt-3 space-y-2">
                    {e.assignments.map((a) => (
                      <li key={a.id} className="flex flex-col gap-2 rounded-lg bg-slate-50 px-3 py-2 lg:flex-row lg:items-center lg:justify-between">
                        <div className="flex flex-wrap items-center gap-2 text-sm">
                          <span className="font-medium">{a.judge}</span>
                          {a.scorecard ? <Badge tone={cardTone[a.scorecard]}>{a.scorecard.toLowerCase()}</Badge> : <Badge>not started</Badge>}
                          {a.manual && <Badge tone="violet" title={a.reason ?? undefined}>by hand: {a.reason}</Badge>}
                          {a.conflicted && <Badge tone="red">conflict declared after submitting</Badge>}
                        </div>
                        {a.candidates.length > 0 && (
                          <details className="group lg:text-right">
                            <summary className="cursor-pointer text-sm font-medium text-brand-700">Reassign…</summary>
                            <ActionForm
                              action={reassignAction}
                              fields={{ slug: ch.slug, assignmentId: a.id }}
                              label="Reassign"
                              buttonLabel={`Reassign ${a.judge} on ${e.label}`}
                              variant="secondary"
                              inline
                              className="mt-2 lg:justify-end"
                            >
                              <label className="sr-only" htmlFor={`to-${a.id}`}>New judge</label>
                              <select id={`to-${a.id}`} name="judgeId" className={inlineField} defaultValue={a.candidates[0].judgeId}>
                                {a.candidates.map((c) => (
                                  <option key={c.judgeId} value={c.judgeId}>
                                    {c.name} · load {c.load}{c.keepsBalance ? '' : ' (unbalances)'}
                                  </option>
                                ))}
                              </select>
                              <label className="sr-only" htmlFor={`why-${a.id}`}>Reason</label>
                              <input id={`why-${a.id}`} name="reason" required minLength={5} placeholder="Reason (logged)" className={inlineField} />
                            </ActionForm>
                          </details>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {e.addCandidates.length > 0 && (
                  <ActionForm action={assignByHandAction} fields={{ slug: ch.slug, entryId: e.id }} label="Assign" buttonLabel={`Assign a judge to ${e.label}`} variant="secondary" inline className="mt-3">
                    <label className="sr-only" htmlFor={`add-${e.id}`}>Judge</label>
                    <select id={`add-${e.id}`} name="judgeId" className={inlineField}>
                      {e.addCandidates.map((c) => (
                        <option key={c.judgeId} value={c.judgeId}>{c.name} · load {c.load}</option>
                      ))}
                    </select>
                    <input name="reason" aria-label="Reason" required minLength={5} placeholder="Reason (logged)" className={inlineField} />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardHeader title="Declared conflicts" description="Judges declare them in their workspace; they are never assigned those entries." />
        {o.conflicts.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">None declared.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {o.conflicts.map((c) => (
              <li key={c.id} className="flex flex-wrap gap-x-3 px-5 py-3">
                <span className="font-medium">{c.judge}</span>
                <span className="text-slate-600">with {c.entryId ? 'entry' : 'person'} {c.label}</span>
                {c.reason && <span className="text-slate-500">— {c.reason}</span>}
                <span className="ml-auto text-xs text-slate-500">{formatDate(c.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
