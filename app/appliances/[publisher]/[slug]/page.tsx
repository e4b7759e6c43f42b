import type { Metadata } from 'next';
import { cache } from 'react';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getActor } from '@/lib/server/auth/session';
import { getApplianceDetail, type ApplianceDetail, type ApplianceDetailFile } from '@/lib/server/catalog/get-appliance-detail';
import { screenshotUrl } from '@/lib/server/catalog/api-views';
import { getDailyDownloads } from '@/lib/server/downloads/daily-downloads';
import { findOwnReview, listReviews, reviewDistribution } from '@/lib/server/reviews/list-reviews';
import { publicUrl } from '@/lib/config/env';
import { PLAYER_LABELS } from '@/lib/core/launch';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { Stars } from '@/components/ui/stars';
import { RatingStars } from '@/components/reviews/rating-stars';
import { CopyButton } from '@/components/catalog/copy-button';
import { DownloadsChart } from '@/components/catalog/downloads-chart';
import { FileTable } from '@/components/catalog/file-table';
import { LaunchPanel, type LaunchPanelFile } from '@/components/catalog/launch-panel';
import { ScreenshotGallery } from '@/components/catalog/screenshot-gallery';
import { ReviewForm } from '@/components/reviews/review-form';
import { ReviewList } from '@/components/reviews/review-list';
import { safeHttpUrl } from '@/lib/core/http/safe-url';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatCount, formatDate, formatMemory } from '@/lib/core/format';
import { TrophyIcon } from '@/components/challenges/icons';
import { InsideSection } from '@/components/inside/inside-section';
import { applianceTryCells } from '@/components/try/try-cells';
import { AccessDetails } from '@/components/catalog/access-details';
import { LicenseLabel } from '@/components/catalog/license-label';
import { licenseInfo } from '@/lib/server/catalog/license-info';
import { vagrantAddCommand } from '@/lib/core/catalog/vagrant-command';

type Params = { publisher: string; slug: string };
type Search = { reviews?: string | string[] };

/** Loaded once per request, for the metadata and the page. */
const loadDetail = cache(async (publisher: string, slug: string) => getApplianceDetail(await getActor(), publisher, slug));

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { publisher, slug } = await params;
  const detail = await loadDetail(publisher, slug);
  return detail ? { title: detail.name, description: detail.summary } : { title: 'Not found' };
}

const statusTone = { DRAFT: 'slate', IN_REVIEW: 'amber', PUBLISHED: 'green', REJECTED: 'red', UNLISTED: 'slate' } as const;
const FORMAT_PREFERENCE = ['OVA', 'QCOW2', 'VMDK', 'VAGRANT_BOX', 'RAW', 'OVF', 'ISO'];

/** The file to offer first: from the newest release with downloadable files, the most widely usable format, amd64 first. */
function recommendedFile(detail: ApplianceDetail): { file: ApplianceDetailFile; version: string } | null {
  for (const v of detail.versions) {
    if (v.status !== 'RELEASED') continue;
    const files = v.files.filter((f) => f.downloadable && f.status === 'VERIFIED');
    if (!files.length) continue;
    const rank = (f: ApplianceDetailFile) => FORMAT_PREFERENCE.indexOf(f.format) * 10 + (f.architecture === 'AMD64' ? 0 : 1);
    return { file: [...files].sort((a, b) => rank(a) - rank(b))[0], version: v.version };
  }
  return null;
}

function launchFiles(detail: ApplianceDetail): LaunchPanelFile[] {
  return detail.versions.flatMap((v) =>
    v.files
      .filter((f) => f.launch.length > 0)
      .map((f) => ({
        id: f.id,
        group: `Version ${v.version}${v.status === 'REVOKED' ? ' (revoked)' : ''}`,
        label: `${FORMAT_LABELS[f.format] ?? f.format}${f.provider ? ` (${f.provider})` : ''} · ${ARCH_LABELS[f.architecture]} · ${f.fileName}`,
        plans: f.launch.map((p) => ({ player: p.player, label: PLAYER_LABELS[p.player], supported: p.plan.supported, text: p.text, reason: p.plan.reason })),
      })),
  );
}

function RatingSummary({ avg, count, distribution }: { avg: number; count: number; distribution: number[] }) {
  const max = Math.max(1, ...distribution);
  return (
    <div className="flex flex-col gap-4 px-5 py-4 sm:flex-row sm:items-center sm:gap-8">
      <div className="text-center sm:w-36">
        <p className="text-4xl font-bold text-slate-900">{count ? avg.toFixed(1) : '—'}</p>
        <RatingStars value={avg} size="md" />
        <p className="text-xs text-slate-500">{count === 1 ? '1 review' : `${formatCount(count)} reviews`}</p>
      </div>
      <dl className="flex-1 space-y-1" aria-label="Ratings by stars">
        {[5, 4, 3, 2, 1].map((stars) => (
          <div key={stars} className="flex items-center gap-2 text-xs">
            <dt className="w-12 text-slate-600">{stars} star{stars > 1 ? 's' : ''}</dt>
            <dd className="flex flex-1 items-center gap-2">
              <span className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100">
                <span className="block h-full rounded-full bg-amber-400" style={{ width: `${(distribution[stars - 1] / max) * 100}%` }} />
              </span>
              <span className="w-8 text-right text-slate-500 tabular-nums">{distribution[stars - 1]}</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export default async function AppliancePage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { publisher, slug } = await params;
  const { reviews: reviewCursorParam } = await searchParams;
  const actor = await getActor();
  const detail = await loadDetail(publisher, slug);
  if (!detail) notFound();

  const reviewCursor = typeof reviewCursorParam === 'string' && /^[A-Za-z0-9_-]{1,200}$/.test(reviewCursorParam) ? reviewCursorParam : null;
  const seesChart = detail.viewer.isOwner || detail.viewer.isAdmin;
  const [reviews, own, distribution, chart, tryCells] = await Promise.all([
    listReviews(actor, detail.id, { cursor: reviewCursor, limit: 10 }).catch(() => listReviews(actor, detail.id, { limit: 10 })),
    findOwnReview(actor, detail.id),
    reviewDistribution(detail.id),
    seesChart ? getDailyDownloads(actor, detail.publisher.handle, detail.slug, 30) : Promise.resolve(null),
    applianceTryCells(detail),
  ]);

  const recommended = recommendedFile(detail);
  const files = launchFiles(detail);
  const base = `/appliances/${encodeURIComponent(detail.publisher.handle)}/${encodeURIComponent(detail.slug)}`;
  const boxCommand = detail.versions.some((v) => v.status === 'RELEASED' && v.files.some((f) => f.format === 'VAGRANT_BOX' && f.status === 'VERIFIED' && f.downloadable && f.provider))
    ? vagrantAddCommand(publicUrl(), detail.publisher.handle, detail.slug)
    : null;
  const license = licenseInfo(detail.license);
  // The newest release is what changed for someone downloading; a listing without one shows when it was published.
  const updatedAt = detail.latestReleasedAt ?? detail.publishedAt;
  const homepage = safeHttpUrl(detail.homepage);
  const publisherUrl = safeHttpUrl(detail.publisher.url);
  const canReview = !!actor && !detail.viewer.isOwner && detail.status === 'PUBLISHED';

  return (
    <div className="space-y-8">
      <header className="flex flex-col gap-6 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
            <Link href="/browse" className="hover:text-slate-800">
              Browse
            </Link>
            {detail.category && (
              <>
                <span aria-hidden> / </span>
                <Link href={`/browse?category=${encodeURIComponent(detail.category.slug)}`} className="hover:text-slate-800">
                  {detail.category.name}
                </Link>
              </>
            )}
          </nav>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-3xl font-bold tracking-tight text-slate-900">{detail.name}</h1>
            {detail.status !== 'PUBLISHED' && <Badge tone={statusTone[detail.status]}>{detail.status.replace('_', ' ').toLowerCase()}</Badge>}
          </div>
          <p className="mt-1 font-mono text-sm text-slate-500">
            {detail.publisher.handle}/{detail.slug}
          </p>
          <p className="mt-3 max-w-3xl text-lg text-slate-600">{detail.summary}</p>
          <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-600">
            <span>
              by <span className="font-medium text-slate-900">{detail.publisher.displayName}</span>
            </span>
            <a href="#reviews" className="hover:underline">
              <Stars value={detail.ratingAvg} count={detail.ratingCount} />
            </a>
            <span>
              <span aria-hidden>⬇ </span>
              {formatCount(detail.downloadCount)} downloads
            </span>
            {detail.latestVersion && <span>Version {detail.latestVersion}</span>}
            {updatedAt && (
              <span data-testid="last-updated">
                Updated <time dateTime={updatedAt}>{formatDate(updatedAt)}</time>
              </span>
            )}
            {license ? <LicenseLabel info={license} eulaAnchor={detail.eula ? '#eula' : undefined} /> : <span className="text-slate-600">License not stated</span>}
          </div>
          {detail.awards.length > 0 && (
            <ul className="mt-4 flex flex-wrap gap-2" aria-label="Awards">
              {detail.awards.map((a) => (
                <li key={`${a.challenge.slug}-${a.title}`}>
                  <Link href={`/challenges/${a.challenge.slug}`}>
                    <Badge tone="amber" className="text-sm">
                      <TrophyIcon className="mr-1" />
                      {a.title} · {a.challenge.title}
                    </Badge>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        {recommended && (
          <div className="flex shrink-0 flex-col items-stretch gap-2 sm:flex-row lg:flex-col">
            <a href={`/api/v1/files/${recommended.file.id}/download`} className={buttonClass('primary', 'lg')} data-testid="primary-download">
              ⬇ Download {FORMAT_LABELS[recommended.file.format]} · {formatBytes(recommended.file.sizeBytes)}
            </a>
            <a href="#run" className={buttonClass('secondary', 'lg')}>
              ▶ Run it
            </a>
          </div>
        )}
      </header>

      {detail.reviewNote && detail.viewer.privileged && (
        <p role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          Moderator note: {detail.reviewNote}
        </p>
      )}

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-8">
          {detail.screenshots.length > 0 && (
            <Card className="p-4">
              <ScreenshotGallery
                title={detail.name}
                shots={detail.screenshots.map((s) => ({ ...s, thumbUrl: screenshotUrl(s.id, 'thumb'), fullUrl: screenshotUrl(s.id, 'full') }))}
              />
            </Card>
          )}

          <Card className="p-6" data-testid="description">
            {detail.description ? <Markdown>{detail.description}</Markdown> : <p className="text-slate-500">No description yet.</p>}
          </Card>

          {files.length > 0 && (
            <Card id="run" className="scroll-mt-24">
              <CardHeader title="Run it" description="The exact commands for your player, run in the folder holding the download. The apx client runs the same ones." />
              <LaunchPanel files={files} initialFileId={recommended?.file.id ?? files[0].id}>
                <AccessDetails access={detail.access} />
              </LaunchPanel>
            </Card>
          )}

          <InsideSection actor={actor} publisher={detail.publisher.handle} slug={detail.slug} />

          <Card>
            <CardHeader
              title="Versions and files"
              description="Every file is inspected and its SHA-256 computed on our side before anyone can download it."
              action={detail.versions.length > 1 ? <Link href={`${base}/compare`} className="shrink-0 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">Compare versions</Link> : undefined}
            />
            <div className="divide-y divide-slate-100">
              {detail.versions.map((v, i) => (
                <section key={v.id} className="px-5 py-4" aria-label={`Version ${v.version}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-semibold text-slate-900">{v.version}</h3>
                    {v.status === 'REVOKED' && <Badge tone="red">revoked</Badge>}
                    {v.status === 'DRAFT' && <Badge>draft</Badge>}
                    {i === detail.versions.findIndex((x) => x.status === 'RELEASED') && v.status === 'RELEASED' && <Badge tone="green">latest</Badge>}
                    <span className="text-sm text-slate-500">{formatDate(v.releasedAt)}</span>
                  </div>
                  {v.revokeReason && <p className="mt-1 text-sm text-red-700">Revoked: {v.revokeReason}</p>}
                  {v.changelog && (
                    <details className="mt-2" open={i === 0}>
                      <summary className="cursor-pointer text-sm font-medium text-slate-700">Changelog</summary>
                      <Markdown className="mt-1 text-sm">{v.changelog}</Markdown>
                    </details>
                  )}
                  {v.files.length > 0 ? <FileTable files={v.files} extras={tryCells} /> : <p className="mt-2 text-sm text-slate-500">No downloadable files.</p>}
                </section>
              ))}
              {detail.versions.length === 0 && <p className="px-5 py-6 text-sm text-slate-500">No released versions yet.</p>}
            </div>
          </Card>

          {chart && (
            <Card data-testid="downloads-chart">
              <CardHeader
                title="Downloads and tries, last 30 days"
                description={`Each counted once per user or address per file per day · ${formatCount(chart.total)} downloads and ${formatCount(chart.totalTries)} tries in the browser in this period. Only you and admins see this.`}
              />
              <div className="px-3 py-4">
                <DownloadsChart days={chart.days} />
              </div>
            </Card>
          )}

          <Card id="reviews" className="scroll-mt-24">
            <CardHeader title="Ratings and reviews" />
            <RatingSummary avg={detail.ratingAvg} count={detail.ratingCount} distribution={distribution} />
            <div className="border-t border-slate-100 px-5 py-4">
              {canReview ? (
                <ReviewForm publisher={detail.publisher.handle} slug={detail.slug} existing={own} />
              ) : actor ? (
                detail.viewer.isOwner ? (
                  <p className="text-sm text-slate-500">This is your appliance: you can reply to reviews below.</p>
                ) : (
                  <p className="text-sm text-slate-500">Reviews open once the listing is published.</p>
                )
              ) : (
                <p className="text-sm text-slate-600">
                  <Link href={`/sign-in?next=${encodeURIComponent(`${base}#reviews`)}`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    Sign in
                  </Link>{' '}
                  to rate and review this appliance.
                </p>
              )}
            </div>
            {reviews.items.length > 0 ? (
              <div className="border-t border-slate-100">
                <ReviewList
                  reviews={reviews.items}
                  publisher={detail.publisher.handle}
                  slug={detail.slug}
                  publisherName={detail.publisher.displayName}
                  canReply={detail.viewer.isOwner}
                  canReport={!!actor}
                />
              </div>
            ) : (
              <p className="border-t border-slate-100 px-5 py-6 text-sm text-slate-500">No reviews yet.</p>
            )}
            {(reviewCursor || reviews.nextCursor) && (
              <div className="flex justify-between border-t border-slate-100 px-5 py-3 text-sm">
                {reviewCursor ? (
                  <Link href={`${base}#reviews`} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    ← Newest reviews
                  </Link>
                ) : (
                  <span />
                )}
                {reviews.nextCursor && (
                  <Link href={`${base}?reviews=${reviews.nextCursor}#reviews`} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    Older reviews →
                  </Link>
                )}
              </div>
            )}
          </Card>
        </div>

        <aside className="space-y-6">
          {recommended && (
            <Card>
              <CardHeader title="The recommended file" />
              <div className="space-y-3 px-5 py-4 text-sm">
                <p className="text-slate-600">
                  {FORMAT_LABELS[recommended.file.format]} · {ARCH_LABELS[recommended.file.architecture]} · {formatBytes(recommended.file.sizeBytes)} · version {recommended.version}
                </p>
                <p className="font-mono text-xs break-all text-slate-700">{recommended.file.fileName}</p>
                {recommended.file.sha256 && (
                  <div>
                    <p className="mb-1 text-xs font-medium text-slate-500 uppercase">SHA-256</p>
                    <div className="flex items-start gap-2">
                      <code className="min-w-0 flex-1 font-mono text-[11px] leading-snug break-all text-slate-700">{recommended.file.sha256}</code>
                      <CopyButton text={recommended.file.sha256} label="Copy the SHA-256" />
                    </div>
                    <p className="mt-2 text-xs text-slate-500">
                      Check it with <code className="rounded bg-slate-100 px-1 text-slate-700">sha256sum {recommended.file.fileName}</code>
                    </p>
                  </div>
                )}
              </div>
            </Card>
          )}
          {boxCommand && (
            <Card>
              <CardHeader title="Vagrant" />
              <div className="space-y-2 px-5 py-4">
                <div className="flex items-start gap-2">
                  <code className="min-w-0 flex-1 rounded bg-slate-900 px-2 py-1.5 font-mono text-[11px] break-all text-slate-100" data-testid="vagrant-command">
                    {boxCommand}
                  </code>
                  <CopyButton text={boxCommand} label="Copy the vagrant command" />
                </div>
                <p className="text-xs text-slate-500">
                  Vagrant finds the box on this site through <code className="font-mono">VAGRANT_SERVER_URL</code> and checks its SHA-256 itself.
                </p>
              </div>
            </Card>
          )}
          <Card>
            <CardHeader title="Requirements" />
            <dl className="grid grid-cols-2 gap-x-4 gap-y-3 px-5 py-4 text-sm">
              <dt className="text-slate-500">CPUs</dt>
              <dd>{detail.requirements.cpus ?? '—'}</dd>
              <dt className="text-slate-500">Memory</dt>
              <dd>{formatMemory(detail.requirements.memoryMiB)}</dd>
              <dt className="text-slate-500">Disk</dt>
              <dd>{formatBytes(detail.requirements.diskBytes)}</dd>
              <dt className="text-slate-500">OS</dt>
              <dd>{detail.requirements.osName ?? detail.requirements.osFamily ?? '—'}</dd>
              <dt className="text-slate-500">Formats</dt>
              <dd>{detail.formats.map((f) => FORMAT_LABELS[f] ?? f).join(', ') || '—'}</dd>
              <dt className="text-slate-500">Architectures</dt>
              <dd>{detail.architectures.map((a) => ARCH_LABELS[a] ?? a).join(', ') || '—'}</dd>
            </dl>
          </Card>
          <Card>
            <CardHeader title="Publisher" />
            <div className="space-y-2 px-5 py-4 text-sm">
              <p className="font-medium text-slate-900">{detail.publisher.displayName}</p>
              {detail.publisher.bio && <p className="text-slate-600">{detail.publisher.bio}</p>}
              <p className="flex flex-wrap gap-x-4 gap-y-1">
                {publisherUrl && (
                  <a href={publisherUrl} rel="nofollow noopener noreferrer" target="_blank" className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    Website ↗
                  </a>
                )}
                {homepage && (
                  <a href={homepage} rel="nofollow noopener noreferrer" target="_blank" className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    Project homepage ↗
                  </a>
                )}
              </p>
              {detail.publishedAt && <p className="text-xs text-slate-500">Published {formatDate(detail.publishedAt)}</p>}
            </div>
          </Card>
          {detail.eula && (
            <Card id="eula" className="scroll-mt-24">
              <CardHeader title="License agreement" />
              <details className="px-5 py-4 text-sm">
                <summary className="cursor-pointer font-medium text-slate-700">Read the EULA</summary>
                <pre tabIndex={0} role="region" aria-label="Licence agreement" className="mt-2 max-h-64 overflow-auto text-xs whitespace-pre-wrap text-slate-600">{detail.eula}</pre>
              </details>
            </Card>
          )}
          {detail.tags.length > 0 && (
            <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
              {detail.tags.map((t) => (
                <li key={t}>
                  <Link href={`/browse?q=${encodeURIComponent(t)}`}>
                    <Badge className="hover:bg-slate-200">#{t}</Badge>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <p className="text-xs text-slate-500">
            API:{' '}
            <a href={`/api/v1/appliances/${detail.publisher.handle}/${detail.slug}`} className="font-mono text-brand-700 underline underline-offset-2 hover:text-brand-900">
              /api/v1/appliances/{detail.publisher.handle}/{detail.slug}
            </a>
          </p>
        </aside>
      </div>
    </div>
  );
}
