import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Markdown } from '@/components/ui/markdown';
import { FileStatusBadge, VersionStatusBadge } from '@/components/publish/status-badges';
import { ModerationDecision } from '@/components/publish/moderation-decision';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { listModerationQueue } from '@/lib/server/appliances/list-moderation-queue';
import { safeHttpUrl } from '@/lib/core/http/safe-url';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatDate, formatDateTime, formatMemory } from '@/lib/core/format';

export const metadata: Metadata = { title: 'Moderation' };

type Queue = Awaited<ReturnType<typeof listModerationQueue>>['queue'];

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Submission({ a }: { a: Queue[number] }) {
  const files = a.versions.flatMap((v) => v.files);
  const allVerified = files.length > 0 && files.every((f) => f.status === 'VERIFIED');
  const homepage = safeHttpUrl(a.homepage);
  return (
    <Card className="overflow-hidden" data-testid={`moderation-${a.slug}`}>
      <div className="flex flex-col gap-4 border-b border-slate-100 p-5 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold text-slate-900">
            <Link href={`/appliances/${a.publisher.handle}/${a.slug}`} className="hover:underline">
              {a.name}
            </Link>
          </h2>
          <p className="font-mono text-sm text-slate-500">
            {a.publisher.handle}/{a.slug}
          </p>
          <p className="mt-1 text-sm text-slate-700">{a.summary || <span className="text-slate-500">No summary</span>}</p>
          <p className="mt-2 text-xs text-slate-500">
            Submitted {formatDateTime(a.submittedAt)} by {a.publisher.displayName} ({a.publisher.owner.email}), publisher since {formatDate(a.publisher.createdAt)}
          </p>
        </div>
        <div className="shrink-0 lg:w-80">
          <ModerationDecision applianceId={a.id} name={a.name} />
        </div>
      </div>

      <div className="grid gap-6 p-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4">
          <div className="flex items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">Files and what inspection found</h3>
            {allVerified ? <Badge tone="green">all verified</Badge> : <Badge tone="amber">not all verified</Badge>}
          </div>
          {a.versions.length === 0 && <p className="text-sm text-slate-500">No released version.</p>}
          {a.versions.map((v) => (
            <div key={v.id} className="rounded-lg border border-slate-200">
              <p className="flex items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm">
                <span className="font-mono font-medium">{v.version}</span> <VersionStatusBadge status={v.status} />
              </p>
              <ul className="divide-y divide-slate-100">
                {v.files.map((f) => (
                  <li key={f.id} className="space-y-1 px-3 py-2.5 text-sm">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{FORMAT_LABELS[f.format]}</span>
                      <span className="text-slate-500">
                        {ARCH_LABELS[f.architecture]}
                        {f.provider ? ` · ${f.provider}` : ''} · {formatBytes(f.sizeBytes)}
                      </span>
                      <FileStatusBadge status={f.status} />
                    </p>
                    <p className="truncate text-xs text-slate-500">{f.fileName}</p>
                    {f.rejectReason && <p className="text-xs text-red-700">{f.rejectReason}</p>}
                    {f.summary && (
                      <p className="text-xs text-slate-700" data-testid="moderation-inspection">
                        {[
                          f.summary.product && `${f.summary.product}${f.summary.version ? ` ${f.summary.version}` : ''}`,
                          f.summary.os,
                          f.summary.cpus && `${f.summary.cpus} CPU`,
                          f.summary.memoryMiB && formatMemory(f.summary.memoryMiB),
                          f.summary.diskBytes && `${formatBytes(f.summary.diskBytes)} disk`,
                          f.summary.manifest && `manifest: ${f.summary.manifest}`,
                          ...f.summary.details,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </p>
                    )}
                    {f.sha256 && <p className="truncate font-mono text-[11px] text-slate-500">sha256 {f.sha256}</p>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <details className="rounded-lg border border-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">Description</summary>
            <div className="border-t border-slate-100 px-4 py-2">{a.description.trim() ? <Markdown>{a.description}</Markdown> : <p className="py-2 text-sm text-slate-500">Empty.</p>}</div>
          </details>
        </div>
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3">
            <Fact label="Category">{a.category?.name ?? '—'}</Fact>
            <Fact label="License">{a.license ?? '—'}</Fact>
            <Fact label="Requirements">
              {[a.minCpus && `${a.minCpus} CPU`, a.minMemoryMiB && formatMemory(a.minMemoryMiB), a.minDiskBytes && formatBytes(a.minDiskBytes)].filter(Boolean).join(' · ') || '—'}
            </Fact>
            <Fact label="OS">{a.osName ?? '—'}</Fact>
            <Fact label="Homepage">
              {homepage ? (
                <a href={homepage} rel="nofollow noopener noreferrer" target="_blank" className="break-all text-brand-700 underline underline-offset-2 hover:text-brand-900">
                  {homepage}
                </a>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Tags">{a.tags.length ? a.tags.join(', ') : '—'}</Fact>
          </dl>
          {a.eula && <p className="text-xs text-slate-600">Has an end-user license agreement ({a.eula.length.toLocaleString('en-US')} characters).</p>}
          {a.screenshots.length > 0 && (
            <ul className="grid grid-cols-3 gap-2" aria-label="Screenshots">
              {a.screenshots.map((s) => (
                <li key={s.id}>
                  <a href={`/api/v1/screenshots/${s.id}?size=full`} target="_blank" rel="noreferrer">
                    {/* eslint-disable-next-line @next/next/no-img-element -- redirect to a presigned object URL */}
                    <img src={`/api/v1/screenshots/${s.id}?size=thumb`} alt={s.caption || 'Screenshot'} className="aspect-[16/10] w-full rounded-md object-cover ring-1 ring-slate-200" />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}

export default async function ModerationPage() {
  const actor = await pageActorWithRole('ADMIN');
  const { queue, decisions } = await listModerationQueue(actor);
  return (
    <div className="space-y-8">
      <PageHeader title="Moderation" description="First publications wait here. Check the listing and what the inspector found in its files, then publish it or send it back with a reason." />
      {queue.length === 0 ? (
        <EmptyState title="Nothing is waiting for review.">New submissions appear here.</EmptyState>
      ) : (
        <div className="space-y-6">
          <p className="text-sm text-slate-600">
            {queue.length} listing{queue.length === 1 ? '' : 's'} waiting, oldest first.
          </p>
          {queue.map((a) => (
            <Submission key={a.id} a={a} />
          ))}
        </div>
      )}
      {decisions.length > 0 && (
        <section>
          <h2 className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">Recent decisions</h2>
          <Card>
            <ul className="divide-y divide-slate-100 text-sm">
              {decisions.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-2.5">
                  <span className="flex flex-wrap items-center gap-2">
                    <Badge tone={d.approved ? 'green' : 'red'}>{d.approved ? 'approved' : 'rejected'}</Badge>
                    {d.appliance ? (
                      <Link href={`/appliances/${d.appliance.publisher.handle}/${d.appliance.slug}`} className="font-medium hover:underline">
                        {d.appliance.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500">deleted listing</span>
                    )}
                    {d.reason && <span className="text-slate-600">“{d.reason}”</span>}
                  </span>
                  <span className="text-xs text-slate-500">
                    {d.by} · {formatDateTime(d.at)}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </section>
      )}
    </div>
  );
}
