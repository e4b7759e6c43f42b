import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card';
import { VersionStatusBadge } from '@/components/publish/status-badges';
import { FilesTable } from '@/components/publish/files-table';
import { ChangelogForm, ReleasePanel } from '@/components/publish/version-actions';
import { AutoRefresh } from '@/components/publish/auto-refresh';
import { FileUploader } from '@/components/upload/file-uploader';
import { pageActor } from '@/lib/server/auth/guards';
import { isAppError } from '@/lib/core/errors';
import { env } from '@/lib/config/env';
import { getVersionEditor } from '@/lib/server/appliances/get-version-editor';
import { listUnfinishedUploads } from '@/lib/server/uploads/list-unfinished-uploads';
import { formatDate } from '@/lib/core/format';

export const metadata: Metadata = { title: 'Version' };

type Params = { id: string; versionId: string };

export default async function VersionPage({ params }: { params: Promise<Params> }) {
  const { id, versionId } = await params;
  const actor = await pageActor();
  let data;
  try {
    data = await getVersionEditor(actor, id, versionId);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const { version, appliance, files } = data;
  const unfinished = await listUnfinishedUploads(actor, { versionId: version.id });
  const working = files.some((f) => f.status === 'PENDING' || f.status === 'INSPECTING');
  const verified = files.filter((f) => f.status === 'VERIFIED').length;
  return (
    <div className="space-y-8">
      <AutoRefresh active={working} />
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
          <Link href="/publish" className="hover:text-slate-800">
            Publish
          </Link>{' '}
          /{' '}
          <Link href={`/publish/appliances/${appliance.id}`} className="hover:text-slate-800">
            {appliance.name}
          </Link>{' '}
          / {version.version}
        </nav>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          <span>
            {appliance.name} <span className="font-mono text-slate-500">{version.version}</span>
          </span>
          <VersionStatusBadge status={version.status} />
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          {version.status === 'RELEASED' && version.releasedAt
            ? `Released ${formatDate(version.releasedAt)}`
            : version.status === 'REVOKED'
              ? `Revoked ${formatDate(version.revokedAt)}: ${version.revokeReason ?? ''}`
              : `Draft created ${formatDate(version.createdAt)}`}
        </p>
      </div>

      <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-8">
          <Card>
            <CardHeader title="Files" description="One file per format, architecture and provider. Each is verified before anyone can download it." />
            <FilesTable
              applianceId={appliance.id}
              versionId={version.id}
              files={files}
              removable={(f) => f.status !== 'INSPECTING' && (version.status === 'DRAFT' || f.status === 'REJECTED')}
            />
            {version.status !== 'REVOKED' && (
              <div className="border-t border-slate-100 p-5">
                <h3 className="mb-3 text-sm font-semibold text-slate-900">Add files</h3>
                <FileUploader
                  versionId={version.id}
                  maxBytes={env().UPLOAD_MAX_BYTES}
                  unfinished={unfinished}
                  files={files.map((f) => ({ id: f.id, status: f.status, rejectReason: f.rejectReason }))}
                />
              </div>
            )}
          </Card>
          <Card>
            <CardHeader title="Changelog" description="Markdown, shown with the version on the listing page." />
            <div className="p-5">
              <ChangelogForm applianceId={appliance.id} versionId={version.id} changelog={version.changelog} readOnly={version.status === 'REVOKED'} />
            </div>
          </Card>
        </div>
        <div className="space-y-8">
          <Card>
            <CardHeader title="Release" />
            <div className="p-5">
              <ReleasePanel applianceId={appliance.id} versionId={version.id} status={version.status} verifiedFiles={verified} version={version.version} />
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}
