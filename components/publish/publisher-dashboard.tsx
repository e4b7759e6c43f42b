import { Link } from '@/components/ui/link';
import type { getPublisherDashboard } from '@/lib/server/publishers/get-publisher-dashboard';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { ListingStatusBadge, VersionStatusBadge } from '@/components/publish/status-badges';
import { PublisherAvatar } from '@/components/publish/publisher-avatar';
import { formatCount, formatDate, plural } from '@/lib/core/format';

type Dashboard = NonNullable<Awaited<ReturnType<typeof getPublisherDashboard>>>;

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{value}</p>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

function FileCounts({ files }: { files: Record<string, number> }) {
  const verified = files.VERIFIED ?? 0;
  const verifying = (files.PENDING ?? 0) + (files.INSPECTING ?? 0);
  const rejected = files.REJECTED ?? 0;
  const uploading = files.UPLOADING ?? 0;
  if (!verified && !verifying && !rejected && !uploading) return <span className="text-slate-500">No files yet</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {verified > 0 && <Badge tone="green">✓ {verified} verified</Badge>}
      {verifying > 0 && <Badge tone="amber">{verifying} verifying</Badge>}
      {uploading > 0 && <Badge tone="slate">{uploading} uploading</Badge>}
      {rejected > 0 && <Badge tone="red">{rejected} rejected</Badge>}
    </span>
  );
}

function Thumbnail({ id, name }: { id: string | null; name: string }) {
  if (id) {
    // eslint-disable-next-line @next/next/no-img-element -- redirect to a presigned object URL
    return <img src={`/api/v1/screenshots/${id}?size=thumb`} alt="" className="h-14 w-22 shrink-0 rounded-lg object-cover ring-1 ring-slate-200" />;
  }
  return (
    <span aria-hidden className="flex h-14 w-22 shrink-0 items-center justify-center rounded-lg bg-gradient-to-br from-slate-100 to-slate-200 text-lg font-semibold text-slate-500 ring-1 ring-slate-200">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function PublisherDashboard({ data }: { data: Dashboard }) {
  const { publisher, appliances, totals } = data;
  return (
    <div className="space-y-8">
      <PageHeader
        title={
          <span className="flex items-center gap-4">
            <PublisherAvatar handle={publisher.handle} name={publisher.displayName} hasAvatar={publisher.hasAvatar} size={56} version={publisher.avatarKey ?? undefined} />
            <span>
              <span className="block">{publisher.displayName}</span>
              <span className="block font-mono text-sm font-normal text-slate-500">@{publisher.handle}</span>
            </span>
          </span>
        }
        actions={
          <>
            <ButtonLink href="/publish/profile" variant="secondary">
              Edit profile
            </ButtonLink>
            <ButtonLink href="/publish/new">New appliance</ButtonLink>
          </>
        }
      />

      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label="Appliances" value={totals.appliances} />
        <Stat label="Published" value={totals.published} />
        <Stat label="In review" value={totals.inReview} />
        <Stat label="Downloads" value={formatCount(totals.downloads)} hint="all time" />
        <Stat label="Verifying" value={totals.verifying} hint={totals.unfinishedUploads ? `${plural(totals.unfinishedUploads, 'unfinished upload')}` : 'files'} />
      </div>

      {appliances.length === 0 ? (
        <EmptyState title="You have not listed an appliance yet.">
          <p>Create a listing, upload an image (OVA, qcow2, VMDK, raw, ISO or Vagrant box) and submit it for review.</p>
          <div className="mt-4">
            <ButtonLink href="/publish/new">Create your first appliance</ButtonLink>
          </div>
        </EmptyState>
      ) : (
        <Card>
          <div className="hidden grid-cols-[minmax(0,2.2fr)_8rem_minmax(0,1.2fr)_minmax(0,1.4fr)_6rem] gap-4 border-b border-slate-100 px-5 py-2.5 text-xs font-medium tracking-wide text-slate-500 uppercase md:grid">
            <span>Appliance</span>
            <span>State</span>
            <span>Versions</span>
            <span>Files</span>
            <span className="text-right">Downloads</span>
          </div>
          <ul className="divide-y divide-slate-100" aria-label="Your appliances">
            {appliances.map((a) => (
              <li key={a.id} data-testid={`my-appliance-${a.slug}`} className="grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,2.2fr)_8rem_minmax(0,1.2fr)_minmax(0,1.4fr)_6rem] md:items-center md:gap-4">
                <div className="flex min-w-0 items-center gap-3">
                  <Thumbnail id={a.thumbnailId} name={a.name} />
                  <div className="min-w-0">
                    <Link href={`/publish/appliances/${a.id}`} className="font-medium text-slate-900 hover:text-brand-700 underline underline-offset-2 hover:text-brand-900">
                      {a.name}
                    </Link>
                    <p className="truncate font-mono text-xs text-slate-500">
                      {publisher.handle}/{a.slug}
                    </p>
                    {a.summary && <p className="truncate text-sm text-slate-500">{a.summary}</p>}
                  </div>
                </div>
                <div className="space-y-1">
                  <ListingStatusBadge status={a.status} />
                  {a.status === 'PUBLISHED' && a.publishedAt && <p className="text-xs text-slate-500">since {formatDate(a.publishedAt)}</p>}
                </div>
                <div className="text-sm text-slate-600">
                  {a.newestVersion ? (
                    <span className="flex flex-wrap items-center gap-1.5">
                      <span className="font-mono text-slate-900">{a.newestVersion.version}</span>
                      <VersionStatusBadge status={a.newestVersion.status} />
                    </span>
                  ) : (
                    <span className="text-slate-500">No versions</span>
                  )}
                  {a.versionTotal > 1 && <p className="text-xs text-slate-500">{plural(a.versionTotal, 'version')}</p>}
                </div>
                <div className="text-sm">
                  <FileCounts files={a.files} />
                </div>
                <div className="text-sm text-slate-700 tabular-nums md:text-right">
                  <span className="md:hidden">Downloads: </span>
                  {formatCount(a.downloadCount)}
                </div>
                {a.status === 'REJECTED' && a.reviewNote && (
                  <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 md:col-span-5" role="note">
                    <span className="font-medium">Moderator’s note:</span> {a.reviewNote}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
