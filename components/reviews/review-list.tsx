import { Markdown } from '@/components/ui/markdown';
import { RatingStars } from '@/components/reviews/rating-stars';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/lib/core/format';
import type { ReviewView } from '@/lib/server/reviews/list-reviews';
import { ReplyToReview, ReportReview } from '@/components/reviews/review-item-actions';

export function ReviewList({
  reviews,
  publisher,
  slug,
  publisherName,
  canReply,
  canReport,
}: {
  reviews: ReviewView[];
  publisher: string;
  slug: string;
  publisherName: string;
  canReply: boolean;
  canReport: boolean;
}) {
  return (
    <ol className="divide-y divide-slate-100" aria-label="Reviews">
      {reviews.map((r) => (
        <li key={r.id} className="px-5 py-4" data-testid="review">
          <article aria-label={`Review by ${r.author.name}`}>
            <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <RatingStars value={r.rating} />
              <span className="text-sm font-medium text-slate-900">{r.author.name}</span>
              <time dateTime={r.createdAt} className="text-xs text-slate-500">
                {formatDate(r.createdAt)}
              </time>
              {r.own && <Badge tone="brand">your review</Badge>}
              {r.hidden && <Badge tone="amber">hidden by a moderator</Badge>}
            </header>
            {r.body ? <Markdown className="mt-2 text-sm">{r.body}</Markdown> : <p className="mt-2 text-sm text-slate-500 italic">No text, just stars.</p>}
            {r.reply && (
              <div className="mt-3 rounded-lg border-l-4 border-brand-200 bg-slate-50 px-4 py-2">
                <p className="text-xs font-semibold text-slate-700">
                  Reply from {publisherName}
                  {r.repliedAt && <span className="font-normal text-slate-500"> · {formatDate(r.repliedAt)}</span>}
                </p>
                <Markdown className="mt-1 text-sm">{r.reply}</Markdown>
              </div>
            )}
            <div className="mt-2 flex flex-wrap gap-4">
              {canReply && <ReplyToReview reviewId={r.id} publisher={publisher} slug={slug} current={r.reply} />}
              {canReport && !r.own && !r.hidden && <ReportReview reviewId={r.id} />}
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}
