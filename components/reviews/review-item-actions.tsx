'use client';

import { useActionState } from 'react';
import { replyReviewAction } from '@/lib/server/reviews/actions/reply-to-review';
import { reportReviewAction } from '@/lib/server/reviews/actions/report-review';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Button } from '@/components/ui/button';
import { FormMessage, Textarea } from '@/components/ui/field';

export function ReportReview({ reviewId }: { reviewId: string }) {
  const [state, action, pending] = useActionState(reportReviewAction, initialActionState);
  if (state.ok) return <FormMessage state={state} />;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800">Report</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="reviewId" value={reviewId} />
        <label className="block text-xs font-medium text-slate-700">
          What is wrong with this review?
          <Textarea name="reason" rows={2} maxLength={500} required minLength={3} className="mt-1" />
        </label>
        {state.fields?.reason && <p className="text-xs text-red-600">{state.fields.reason}</p>}
        <FormMessage state={state.fields ? null : state} />
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          Send report
        </Button>
      </form>
    </details>
  );
}

export function ReplyToReview({ reviewId, publisher, slug, current }: { reviewId: string; publisher: string; slug: string; current: string | null }) {
  const [state, action, pending] = useActionState(replyReviewAction, initialActionState);
  return (
    <details className="text-sm" open={!!state.message && !state.ok}>
      <summary className="cursor-pointer text-xs font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">{current ? 'Edit reply' : 'Reply as the publisher'}</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="reviewId" value={reviewId} />
        <input type="hidden" name="publisher" value={publisher} />
        <input type="hidden" name="slug" value={slug} />
        <label className="block text-xs font-medium text-slate-700">
          Your reply (Markdown; empty removes it)
          <Textarea name="reply" rows={3} maxLength={5000} defaultValue={current ?? ''} className="mt-1" />
        </label>
        <FormMessage state={state} />
        <Button type="submit" size="sm" disabled={pending}>
          Save reply
        </Button>
      </form>
    </details>
  );
}
