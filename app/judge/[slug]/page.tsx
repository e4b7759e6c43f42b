import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/field';
import { ChallengeStateBadge } from '@/components/challenges/state-badge';
import { ActionForm } from '@/components/challenges/action-form';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { getJudgeWorkspace } from '@/lib/server/challenges/get-judge-workspace';
import { SCORING_RULE } from '@/lib/server/challenges/scoring-window';
import { judgingDeadlineText } from '@/lib/core/challenges/logic/deadline-words';
import { weightShares } from '@/lib/core/challenges/logic/weight-shares';
import { formatDate } from '@/lib/core/format';
import { declareConflictAction } from '@/lib/server/challenges/actions/declare-conflict';

export const metadata: Metadata = { title: 'Judging workspace' };

const statusBadge = {
  NOT_STARTED: <Badge>not started</Badge>,
  DRAFT: <Badge tone="amber">draft</Badge>,
  SUBMITTED: <Badge tone="green">submitted</Badge>,
};

export default async function JudgeWorkspacePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await pageActorWithRole('JUDGE');
  const { slug } = await params;
  const ws = await getJudgeWorkspace(actor, slug);
  if (!ws) notFound();
  const ch = ws.challenge;
  const now = new Date();
  const shares = weightShares(ch.criteria.map((c) => c.weight));
  const pct = ws.progress.assigned ? Math.round((100 * ws.progress.submitted) / ws.progress.assigned) : 0;
  return (
    <div className="space-y-8">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
          <Link href="/judge" className="hover:text-slate-800">Judging</Link> / {ch.title}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{ch.title}</h1>
          <ChallengeStateBadge state={ch.state} />
          {ch.blind && <Badge tone="slate">Blind: entrants are not named</Badge>}
        </div>
        <p className="mt-2 text-slate-600">{judgingDeadlineText(ch, now)}.</p>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="p-5 lg:col-span-2">
          <div className="flex items-end justify-between">
            <div>
              <p className="text-sm text-slate-500">Your progress</p>
              <p className="text-3xl font-semibold text-slate-900 tabular-nums">
                {ws.progress.submitted}
                <span className="text-lg text-slate-500"> / {ws.progress.assigned}</span>
              </p>
              <p className="text-sm text-slate-500">submitted{ws.progress.drafts ? ` · ${ws.progress.drafts} in draft` : ''}</p>
            </div>
            <p className={ws.scoring.open ? 'text-sm font-medium text-emerald-700' : 'text-sm font-medium text-slate-600'}>
              {ws.scoring.open ? 'Scoring is open' : ws.scoring.reason}
            </p>
          </div>
          <div className="mt-4 h-2.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label="Scorecards submitted" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <div className="h-full rounded-full bg-violet-500" style={{ width: `${pct}%` }} />
          </div>
          {/* The rule says scores can still change: only while they can. */}
          {!ws.scoring.frozen && <p className="mt-3 text-xs text-slate-500">{SCORING_RULE} Other judges’ scores on an entry appear once you submitted your own.</p>}
        </Card>
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">Rubric</h2>
          <ul className="mt-2 space-y-1.5 text-sm">
            {ch.criteria.map((c, i) => (
              <li key={c.id} className="flex justify-between gap-3">
                <span className="text-slate-700">{c.name}</span>
                <span className="text-slate-500 tabular-nums">{shares[i]}% · scale {c.scaleMin}–{c.scaleMax}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>

      <Card>
        <CardHeader title="Your assignments" description={ch.blind ? 'Entries are named by code; who made them stays hidden until the results.' : undefined} />
        {ws.assignments.length === 0 ? (
          <div className="p-5">
            <EmptyState title="Nothing assigned yet.">Entries are assigned when submissions close.</EmptyState>
          </div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {ws.assignments.map((a) => (
              <li key={a.entryId}>
                <Link href={`/judge/${ch.slug}/entries/${a.entryId}`} className="flex flex-col gap-2 px-5 py-4 hover:bg-slate-50 sm:flex-row sm:items-center sm:justify-between" data-testid={`assignment-${a.entryId}`}>
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{a.label}</span>
                      <span className="font-medium text-slate-900">{a.appliance}</span>
                      {a.entrant && <span className="text-sm text-slate-500">by {a.entrant}</span>}
                    </p>
                    <p className="mt-0.5 truncate text-sm text-slate-500">{a.category} · {a.summary}</p>
                  </div>
                  <div className="flex shrink-0 items-center gap-3">
                    {a.entryStatus !== 'ACTIVE' && <Badge tone="red">{a.entryStatus.toLowerCase()}</Badge>}
                    {a.myScore !== null && <span className="text-sm font-semibold text-slate-700 tabular-nums">{a.myScore.toFixed(1)}</span>}
                    {statusBadge[a.status]}
                    <span aria-hidden className="text-slate-500">→</span>
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Declare a conflict" description="Someone you work with, compete with or are close to. You will not judge their entries." />
          <div className="p-5">
            {ch.state === 'RESULTS' || ch.state === 'ARCHIVED' ? (
              <p className="text-sm text-slate-500">Judging is over.</p>
            ) : (
              <ActionForm action={declareConflictAction} fields={{ challengeId: ch.id, slug: ch.slug }} label="Declare conflict" size="md">
                {ch.blind || ws.entrants.length === 0 ? (
                  <div className="space-y-1.5">
                    <label htmlFor="conflict-person" className="block text-sm font-medium text-slate-800">Person’s e-mail address or publisher handle</label>
                    <input id="conflict-person" name="person" required className={inputClass} placeholder="name@example.com or acme" />
                    {ch.blind && <p className="text-xs text-slate-500">Judging is blind, so entrants are not listed; whether this person entered stays hidden.</p>}
                  </div>
                ) : (
                  <div className="space-y-1.5">
                    <label htmlFor="conflict-entrant" className="block text-sm font-medium text-slate-800">Entrant</label>
                    <select id="conflict-entrant" name="entrantId" className={inputClass} required>
                      {ws.entrants.map((e) => (
                        <option key={e.id} value={e.id}>{e.name}</option>
                      ))}
                    </select>
                  </div>
                )}
                <div className="space-y-1.5">
                  <label htmlFor="conflict-reason" className="block text-sm font-medium text-slate-800">Reason (seen by admins)</label>
                  <input id="conflict-reason" name="reason" maxLength={500} className={inputClass} placeholder="e.g. same employer" />
                </div>
              </ActionForm>
            )}
          </div>
        </Card>
        <Card>
          <CardHeader title="Your declared conflicts" />
          {ws.conflicts.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500">None.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {ws.conflicts.map((c) => (
                <li key={c.id} className="px-5 py-3">
                  <p className="font-medium text-slate-900">{c.entryId ? 'Entry' : 'Person'}: {c.label}</p>
                  <p className="text-xs text-slate-500">{c.reason ? `${c.reason} · ` : ''}{formatDate(c.createdAt)}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
