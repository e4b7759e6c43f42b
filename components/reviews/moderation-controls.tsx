'use client';

import { useActionState } from 'react';
import { dismissReportsAction } from '@/lib/server/reviews/actions/dismiss-reports';
import { hideReviewAction } from '@/lib/server/reviews/actions/hide-review';
import { unhideReviewAction } from '@/lib/server/reviews/actions/unhide-review';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Button } from '@/components/ui/button';
import { FormMessage, Input } from '@/components/ui/field';

export function ModerationControls({ reviewId, hidden, hasOpenReports }: { reviewId: string; hidden: boolean; hasOpenReports: boolean }) {
  const [hideState, hide, hiding] = useActionState(hideReviewAction, initialActionState);
  const [unhideState, unhide, unhiding] = useActionState(unhideReviewAction, initialActionState);
  const [dismissState, dismiss, dismissing] = useActionState(dismissReportsAction, initialActionState);
  return (
    <div className="space-y-2">
      {hidden ? (
        <form action={unhide}>
          <input type="hidden" name="reviewId" value={reviewId} />
          <Button type="submit" variant="secondary" size="sm" disabled={unhiding}>
            Show again
          </Button>
          <FormMessage state={unhideState} />
        </form>
      ) : (
        <form action={hide} className="flex flex-wrap items-start gap-2">
          <input type="hidden" name="reviewId" value={reviewId} />
          <label className="sr-only" htmlFor={`reason-${reviewId}`}>
            Reason for hiding
          </label>
          <Input id={`reason-${reviewId}`} name="reason" placeholder="Reason (the author sees it)" required minLength={3} maxLength={500} className="h-8 w-64 py-1" />
          <Button type="submit" variant="danger" size="sm" disabled={hiding}>
            Hide review
          </Button>
          <div className="basis-full">
            <FormMessage state={hideState} />
          </div>
        </form>
      )}
      {hasOpenReports && !hidden && (
        <form action={dismiss}>
          <input type="hidden" name="reviewId" value={reviewId} />
          <Button type="submit" variant="ghost" size="sm" disabled={dismissing}>
            Dismiss reports (keep the review)
          </Button>
          <FormMessage state={dismissState} />
        </form>
      )}
    </div>
  );
}
