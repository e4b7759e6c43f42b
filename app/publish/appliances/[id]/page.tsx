import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { ListingStatusBadge, VersionStatusBadge } from '@/components/publish/status-badges';
import { ListingDetailsForm } from '@/components/publish/listing-details-form';
import { RequirementsForm } from '@/components/publish/requirements-form';
import { AccessForm } from '@/components/publish/access-form';
import { ScreenshotManager } from '@/components/publish/screenshot-manager';
import { NewVersionForm } from '@/components/publish/new-version-form';
import { SubmitPanel } from '@/components/publish/submit-panel';
import { pageActor } from '@/lib/server/auth/guards';
import { isAppError } from '@/lib/core/errors';
import { getApplianceEditor } from '@/lib/server/appliances/get-appliance-editor';
import { ARCH_LABELS, FORMAT_LABELS, formatDate } from '@/lib/core/format';

export const metadata: Metadata = { title: 'Edit appliance' };

type Params = { id: string };

async function load(id: string) {
  const actor = await pageActor();
  try {
    return await getApplianceEditor(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
}

/** A suggestion for the next version: the newest one with its last number raised. */
function nextVersion(versions: { version: string }[]): string {
  const newest = versions[0]?.version;
  if (!newest) return '1.0.0';
  const m = /^(.*?)(\d+)([^\d]*)$/.exec(newest.replace(/[-+].*$/, ''));
  return m ? `${m[1]}${Number(m[2]) + 1}${m[3]}` : '';
}

const SECTIONS = [
  ['review', 'Review'],
  ['details', 'Details'],
  ['screenshots', 'Screenshots'],
  ['requirements', 'Requirements'],
  ['access', 'Access'],
  ['versions', 'Versions & files'],
] as const;

export default async function EditAppliancePage({ params }: { params: Promise<Params> }) {
  const { id } = await params;
  const editor = await load(id);
  const { listing } = editor;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/publish" className="hover:text-slate-800">
          Publish
        </Link>{' '}
        / {listing.name}
      </nav>
      <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
            {listing.name} <ListingStatusBadge status={listing.status} />
          </h1>
          <p className="mt-1 font-mono text-sm text-slate-500">
            {listing.publisher}/{listing.slug}
          </p>
        </div>
        <ButtonLink href={`/appliances/${listing.publisher}/${listing.slug}`} variant="secondary">
          {listing.status === 'PUBLISHED' ? 'View public page' : 'Preview listing'}
        </ButtonLink>
      </div>

      <div className="grid gap-8 lg:grid-cols-[11rem_minmax(0,1fr)]">
        <nav aria-label="Sections" className="hidden lg:block">
          <ul className="sticky top-24 space-y-1 text-sm">
            {SECTIONS.map(([anchor, label]) => (
              <li key={anchor}>
                <a href={`#${anchor}`} className="block rounded-md px-3 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <div className="min-w-0 space-y-8">
          <section id="review" aria-label="Review" className="scroll-mt-24">
            <SubmitPanel applianceId={listing.id} status={listing.status} problems={editor.submissionProblems} reviewNote={listing.reviewNote} />
          </section>

          <section id="details" className="scroll-mt-24">
            <Card>
              <CardHeader title="Details" description="What people see on the listing page and in search." />
              <div className="p-5">
                <ListingDetailsForm listing={listing} categories={editor.categories} slugLocked={!!listing.publishedAt} />
              </div>
            </Card>
          </section>

          <section id="screenshots" className="scroll-mt-24">
            <Card>
              <CardHeader title="Screenshots" description="Up to 8. The first is the cover image on cards." />
              <div className="p-5">
                <ScreenshotManager applianceId={listing.id} screenshots={editor.screenshots} />
              </div>
            </Card>
          </section>

          <section id="requirements" className="scroll-mt-24">
            <Card>
              <CardHeader title="Hardware requirements" description="Filled in from your verified files; adjust them to what the appliance really needs." />
              <div className="p-5">
                <RequirementsForm applianceId={listing.id} requirements={listing.requirements} inspection={editor.inspection} />
              </div>
            </Card>
          </section>

          <section id="access" className="scroll-mt-24">
            <Card>
              <CardHeader title="Access" description="Default credentials and ports, shown beside the launch commands on the listing. Both optional." />
              <div className="p-5">
                <AccessForm applianceId={listing.id} initial={{ defaultCredentials: listing.defaultCredentials, ports: listing.ports }} />
              </div>
            </Card>
          </section>

          <section id="versions" className="scroll-mt-24">
            <Card>
              <CardHeader title="Versions & files" description="Each version holds one file per format, architecture and provider. Release a version to make it downloadable." />
              {editor.versions.length > 0 && (
                <ul className="divide-y divide-slate-100" aria-label="Versions">
                  {editor.versions.map((v) => {
                    const verified = v.files.filter((f) => f.status === 'VERIFIED');
                    const verifying = v.files.filter((f) => f.status === 'PENDING' || f.status === 'INSPECTING').length;
                    const rejected = v.files.filter((f) => f.status === 'REJECTED').length;
                    return (
                      <li key={v.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3.5">
                        <div className="min-w-0">
                          <p className="flex items-center gap-2">
                            <Link href={`/publish/appliances/${listing.id}/versions/${v.id}`} className="font-mono font-medium text-slate-900 hover:text-brand-700 underline underline-offset-2 hover:text-brand-900">
                              {v.version}
                            </Link>
                            <VersionStatusBadge status={v.status} />
                          </p>
                          <p className="mt-0.5 text-xs text-slate-500">
                            {v.status === 'RELEASED' && v.releasedAt ? `Released ${formatDate(v.releasedAt)}` : v.status === 'REVOKED' ? `Revoked: ${v.revokeReason ?? ''}` : `Created ${formatDate(v.createdAt)}`}
                          </p>
                        </div>
                        <div className="flex flex-wrap items-center gap-1.5">
                          {verified.map((f) => (
                            <Badge key={`${f.format}-${f.architecture}`} tone="green">
                              ✓ {FORMAT_LABELS[f.format]} · {ARCH_LABELS[f.architecture]}
                            </Badge>
                          ))}
                          {verifying > 0 && <Badge tone="amber">{verifying} verifying</Badge>}
                          {rejected > 0 && <Badge tone="red">{rejected} rejected</Badge>}
                          {v.files.length === 0 && <span className="text-sm text-slate-500">No files</span>}
                          <ButtonLink href={`/publish/appliances/${listing.id}/versions/${v.id}`} variant="secondary" size="sm" className="ml-2">
                            {v.status === 'DRAFT' ? 'Files & release' : 'Manage'}
                          </ButtonLink>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
              <div className="border-t border-slate-100 bg-slate-50/50 p-5">
                <h3 className="mb-3 text-sm font-semibold text-slate-900">New version</h3>
                <NewVersionForm applianceId={listing.id} suggestion={nextVersion(editor.versions)} />
              </div>
            </Card>
          </section>
        </div>
      </div>
    </div>
  );
}
