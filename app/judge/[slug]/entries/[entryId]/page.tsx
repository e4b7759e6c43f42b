import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { buttonClass } from '@/components/ui/button';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { ActionForm } from '@/components/challenges/action-form';
import { ScorecardForm } from '@/components/judge/scorecard-form';
import { LaunchPanel } from '@/components/catalog/launch-panel';
import { AccessDetails } from '@/components/catalog/access-details';
import { LicenseLabel } from '@/components/catalog/license-label';
import { licenseInfo } from '@/lib/server/catalog/license-info';
import { InspectionFacts } from '@/components/judge/inspection-facts';
import { InsideReportView } from '@/components/inside/inside-report-view';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { getJudgeEntry } from '@/lib/server/challenges/get-judge-entry';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatDate, formatMemory } from '@/lib/core/format';
import { declareConflictAction } from '@/lib/server/challenges/actions/declare-conflict';
import { saveScorecardAction } from '@/lib/server/challenges/actions/save-scorecard';
import { DownloadIcon } from '@/components/challenges/icons';
import { JudgeTry } from '@/components/try/judge-try';

export const metadata: Metadata = { title: 'Judge an entry' };

export default async function JudgeEntryPage({ params }: { params: Promise<{ slug: string; entryId: string }> }) {
  const actor = await pageActorWithRole('JUDGE');
  const { slug, entryId } = await params;
  const view = await getJudgeEntry(actor, entryId);
  if (!view || view.challenge.slug !== slug) notFound();
  const { challenge: ch, entry, appliance, version, files, myScorecard, others } = view;
  const status = myScorecard?.status ?? 'NOT_STARTED';
  const scoringOpen = view.scoring.open && entry.status === 'ACTIVE';
  const license = licenseInfo(appliance.license);
  // The appliance page's launch panel, for the files under the names the judge downloads them as.
  const launchFiles = files
    .filter((f) => f.launch.length > 0)
    .map((f) => ({
      id: f.id,
      group: `Version ${version.version}`,
      label: `${FORMAT_LABELS[f.format] ?? f.format}${f.provider ? ` (${f.provider})` : ''} · ${ARCH_LABELS[f.architecture] ?? f.architecture} · ${f.downloadName}`,
      plans: f.launch,
    }));

  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
          <Link href="/judge" className="hover:text-slate-800">Judging</Link> /{' '}
          <Link href={`/judge/${ch.slug}`} className="hover:text-slate-800">{ch.title}</Link> / {entry.label}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <span className="rounded-md bg-slate-900 px-2 py-1 font-mono text-xs text-white">{entry.label}</span>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{appliance.name}</h1>
          <Badge tone="brand">{entry.category}</Badge>
          {entry.status !== 'ACTIVE' && <Badge tone="red">{entry.status.toLowerCase()}</Badge>}
        </div>
        <p className="mt-2 max-w-3xl text-slate-600">{appliance.summary}</p>
        {view.entrant ? (
          <p className="mt-1 text-sm text-slate-500">
            by {view.entrant.publisher.displayName}
            {appliance.href && (
              <>
                {' · '}
                <Link href={appliance.href} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">appliance page</Link>
              </>
            )}
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-500">Blind judging: the entrant is not shown.</p>
        )}
        {/* Below the wide layout the scorecard comes after every file: one tap away instead. */}
        <a href="#scorecard" className={buttonClass('primary', 'md', 'mt-4 lg:hidden')} data-testid="jump-to-scorecard">
          Go to your scorecard ↓
        </a>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="min-w-0 space-y-6">
          {entry.statement && (
            <Card className="border-brand-200 bg-brand-50/40 p-5">
              <p className="text-xs font-semibold tracking-wide text-brand-800 uppercase">Note from the entrant</p>
              <p className="mt-1 text-sm whitespace-pre-line text-slate-800">{entry.statement}</p>
            </Card>
          )}

          <Card>
            <CardHeader title={`Files of version ${version.version}`} description={`Released ${formatDate(version.releasedAt)} · verified by the inspector (SHA-256 and format checks)`} />
            <div className="divide-y divide-slate-100">
              {files.length === 0 && <p className="px-5 py-4 text-sm text-slate-500">No verified files.</p>}
              {files.map((f) => (
                <section key={f.id} className="space-y-4 px-5 py-5" aria-label={`${FORMAT_LABELS[f.format] ?? f.format} file`}>
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <div>
                      <p className="font-semibold text-slate-900">
                        {FORMAT_LABELS[f.format] ?? f.format}
                        {f.provider ? ` (${f.provider})` : ''} · {ARCH_LABELS[f.architecture] ?? f.architecture} · {formatBytes(f.sizeBytes)}
                      </p>
                      <p className="font-mono text-xs text-slate-500">{f.downloadName}</p>
                    </div>
                    <a href={f.downloadUrl} className="inline-flex h-9 items-center gap-2 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700" data-testid={`download-${f.id}`}>
                      <DownloadIcon />
                      Download
                    </a>
                  </div>
                  <JudgeTry entryId={entry.id} file={f} title={`${entry.label} · ${FORMAT_LABELS[f.format] ?? f.format}`} requiredMemoryMiB={appliance.requirements.memoryMiB} />
                  <p className="font-mono text-xs break-all text-slate-600">
                    <span className="font-sans text-slate-500">SHA-256 </span>
                    {f.sha256}
                  </p>
                  <details className="group rounded-lg border border-slate-200" open>
                    <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-800">Inspection</summary>
                    <div className="border-t border-slate-100 px-4 py-3">
                      <InspectionFacts inspection={f.inspection} />
                    </div>
                  </details>
                  {f.inside && (
                    <details className="rounded-lg border border-slate-200" data-testid={`inside-${f.id}`}>
                      <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-800">What&apos;s inside</summary>
                      <div className="border-t border-slate-100 px-4 py-3">
                        <InsideReportView report={f.inside} />
                      </div>
                    </details>
                  )}
                </section>
              ))}
            </div>
          </Card>

          {launchFiles.length > 0 && (
            <Card id="run" className="scroll-mt-24">
              <CardHeader title="Run it" description="The exact commands for your player, run in the folder holding the download. The apx client runs the same ones." />
              <LaunchPanel files={launchFiles} initialFileId={launchFiles[0].id}>
                <AccessDetails access={appliance.access} />
              </LaunchPanel>
            </Card>
          )}

          <Card>
            <CardHeader title="About the appliance" />
            <div className="space-y-4 p-5">
              <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
                <div><dt className="text-slate-500">CPUs</dt><dd className="font-medium">{appliance.requirements.cpus ?? '—'}</dd></div>
                <div><dt className="text-slate-500">Memory</dt><dd className="font-medium">{formatMemory(appliance.requirements.memoryMiB)}</dd></div>
                <div><dt className="text-slate-500">Disk</dt><dd className="font-medium">{formatBytes(appliance.requirements.diskBytes)}</dd></div>
                <div><dt className="text-slate-500">OS</dt><dd className="font-medium">{appliance.requirements.os ?? '—'}</dd></div>
              </dl>
              {license && (
                <p className="text-sm">
                  <LicenseLabel info={license} />
                </p>
              )}
              {appliance.description ? <Markdown>{appliance.description}</Markdown> : <p className="text-sm text-slate-500">No description.</p>}
              {version.changelog && (
                <div>
                  <p className="text-sm font-semibold text-slate-900">Changes in {version.version}</p>
                  <Markdown className="text-sm">{version.changelog}</Markdown>
                </div>
              )}
            </div>
          </Card>
        </div>

        <aside className="space-y-6 lg:sticky lg:top-20 lg:self-start">
          <Card id="scorecard" className="scroll-mt-36 lg:scroll-mt-20">
            <CardHeader
              title="Your scorecard"
              description={
                // Closed: the form itself says why (scores frozen, judging not started); this line only says where the card stands.
                !view.scoring.open
                  ? status === 'SUBMITTED'
                    ? 'Submitted.'
                    : status === 'DRAFT'
                      ? 'Draft, never submitted.'
                      : 'Not scored.'
                  : status === 'SUBMITTED'
                    ? `Submitted. You can still change it until judging closes ${formatInZone(ch.judgingCloseAt, ch.timeZone)}.`
                    : status === 'DRAFT'
                      ? 'Draft saved; submit when ready.'
                      : 'Score each criterion, then submit.'
              }
            />
            <div className="p-5">
              <ScorecardForm
                action={saveScorecardAction.bind(null, entry.id, ch.slug)}
                criteria={ch.criteria}
                initial={{ values: myScorecard?.values ?? {}, comment: myScorecard?.comment ?? '' }}
                status={status}
                disabled={!scoringOpen}
                disabledReason={!view.scoring.open ? view.scoring.reason : entry.status !== 'ACTIVE' ? `This entry is ${entry.status.toLowerCase()}.` : undefined}
              />
            </div>
          </Card>

          <Card data-testid="other-scores">
            <CardHeader title="Other judges" />
            <div className="p-5 text-sm">
              {others === null ? (
                <p className="text-slate-500">Other judges’ scores appear here once you have submitted your own.</p>
              ) : others.length === 0 ? (
                <p className="text-slate-500">No other judge has submitted yet.</p>
              ) : (
                <ul className="space-y-4">
                  {others.map((o) => (
                    <li key={o.label}>
                      <p className="flex justify-between font-medium text-slate-900">
                        <span>{o.label}</span>
                        <span className="tabular-nums">{o.score.toFixed(1)}</span>
                      </p>
                      <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                        {ch.criteria.map((c) => {
                          const v = o.values.find((x) => x.criterionId === c.id);
                          return (
                            <li key={c.id} className="flex justify-between gap-2">
                              <span>{c.name}{v?.comment ? ` — ${v.comment}` : ''}</span>
                              <span className="tabular-nums">{v?.value ?? '—'}</span>
                            </li>
                          );
                        })}
                      </ul>
                      {o.comment && <p className="mt-1 text-xs whitespace-pre-line text-slate-700">“{o.comment}”</p>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </Card>

          {entry.status === 'ACTIVE' && (ch.state === 'JUDGING' || ch.state === 'OPEN') && (
            <details className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
              <summary className="cursor-pointer font-medium text-slate-700">I have a conflict with this entry</summary>
              <ActionForm action={declareConflictAction} fields={{ challengeId: ch.id, slug: ch.slug, entryId: entry.id }} label="Declare conflict" variant="danger" className="mt-3" confirm="Declare a conflict? Unless you already submitted scores, the entry goes to another judge.">
                <label htmlFor="entry-conflict-reason" className="block text-xs text-slate-600">Reason (seen by admins)</label>
                <input id="entry-conflict-reason" name="reason" maxLength={500} className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm" />
              </ActionForm>
            </details>
          )}
        </aside>
      </div>
    </div>
  );
}
