import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { listReportedReviews } from '@/lib/server/reviews/moderate-reviews';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Markdown } from '@/components/ui/markdown';
import { RatingStars } from '@/components/reviews/rating-stars';
import { ModerationControls } from '@/components/reviews/moderation-controls';
import { formatDate, formatDateTime } from '@/lib/core/format';
import { cn } from '@/components/ui/cn';

export const metadata: Metadata = { title: 'Reported reviews' };

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const actor = await pageActorWithRole('ADMIN');
  const show = (await searchParams).show === 'all' ? 'all' : 'open';
  const reviews = await listReportedReviews(actor, { include: show });
  return (
    <div>
      <PageHeader title="Reported reviews" description="Reviews users reported as abusive. Hiding one takes it out of the listing and its average; its author still sees it, with your reason." />
      <nav className="mb-4 flex gap-2 text-sm" aria-label="Which reports">
        {(['open', 'all'] as const).map((k) => (
          <Link
            key={k}
            href={k === 'open' ? '/admin/reports' : '/admin/reports?show=all'}
            aria-current={show === k ? 'page' : undefined}
            className={cn('rounded-full px-3 py-1', show === k ? 'bg-slate-900 text-white' : 'bg-white ring-1 ring-slate-200 hover:bg-slate-50')}
          >
            {k === 'open' ? 'Needs a decision' : 'All reported'}
          </Link>
        ))}
      </nav>
      {reviews.length === 0 ? (
        <EmptyState title={show === 'open' ? 'Nothing to review. Thanks!' : 'No review has been reported.'} />
      ) : (
        <ul className="space-y-4">
          {reviews.map((r) => (
            <li key={r.id}>
              <Card className="p-5" data-testid={`reported-${r.id}`}>
                <div className="flex flex-col gap-4 lg:flex-row lg:justify-between">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <RatingStars value={r.rating} />
                      <span className="font-medium">{r.user.name}</span>
                      <span className="text-slate-500">{r.user.email}</span>
                      <span className="text-slate-500">· {formatDate(r.createdAt)}</span>
                      {r.hidden && <Badge tone="amber">hidden{r.hiddenReason ? `: ${r.hiddenReason}` : ''}</Badge>}
                      {r.openReports > 0 && <Badge tone="red">{r.openReports} open report{r.openReports > 1 ? 's' : ''}</Badge>}
                    </div>
                    <p className="mt-1 text-sm">
                      on{' '}
                      <Link href={`/appliances/${r.appliance.publisher.handle}/${r.appliance.slug}#reviews`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
                        {r.appliance.name}
                      </Link>
                    </p>
                    <div className="mt-3 rounded-lg bg-slate-50 p-3">
                      {r.body ? <Markdown className="text-sm">{r.body}</Markdown> : <p className="text-sm text-slate-500 italic">No text.</p>}
                    </div>
                    <ul className="mt-3 space-y-1 text-sm" aria-label="Reports">
                      {r.reports.map((rep) => (
                        <li key={rep.id} className={cn('flex gap-2', rep.resolvedAt && 'text-slate-500')}>
                          <span aria-hidden>⚑</span>
                          <span>
                            <span className="font-medium">{rep.reporter.name}</span>: {rep.reason}{' '}
                            <span className="text-xs text-slate-500">
                              {formatDateTime(rep.createdAt)}
                              {rep.resolvedAt ? ' · resolved' : ''}
                            </span>
                          </span>
                        </li>
                      ))}
                    </ul>
                  </div>
                  <div className="shrink-0 lg:w-80">
                    <ModerationControls reviewId={r.id} hidden={r.hidden} hasOpenReports={r.openReports > 0} />
                  </div>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
