'use client';

import { useActionState } from 'react';
import { deleteReviewAction } from '@/lib/server/reviews/actions/delete-review';
import { saveReviewAction } from '@/lib/server/reviews/actions/save-review';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Button } from '@/components/ui/button';
import { Field, FormMessage, Textarea } from '@/components/ui/field';
import { StarInput } from '@/components/reviews/star-input';
import { REVIEW_BODY_MAX } from '@/lib/core/reviews/review-limits';

export function ReviewForm({
  publisher,
  slug,
  existing,
}: {
  publisher: string;
  slug: string;
  existing: { id: string; rating: number; body: string; hidden: boolean; hiddenReason: string | null } | null;
}) {
  const [state, action, pending] = useActionState(saveReviewAction, initialActionState);
  const [deleteState, deleteAction, deleting] = useActionState(deleteReviewAction, initialActionState);
  return (
    <div className="space-y-3">
      {existing?.hidden && (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          A moderator hid your review{existing.hiddenReason ? `: ${existing.hiddenReason}` : '.'} Only you can see it.
        </p>
      )}
      <form action={action} className="space-y-4" aria-label={existing ? 'Edit your review' : 'Write a review'}>
        <input type="hidden" name="publisher" value={publisher} />
        <input type="hidden" name="slug" value={slug} />
        <StarInput name="rating" defaultValue={existing?.rating} error={state.fields?.rating} />
        <Field label="Your review" name="body" hint={`Markdown works. At most ${REVIEW_BODY_MAX.toLocaleString('en-US')} characters.`} error={state.fields?.body}>
          {(props) => (
            <Textarea
              {...props}
              name="body"
              rows={4}
              maxLength={REVIEW_BODY_MAX}
              defaultValue={state.values?.body ?? existing?.body ?? ''}
              placeholder="What worked, what did not, which player you used…"
            />
          )}
        </Field>
        <FormMessage state={state} />
        <div className="flex items-center gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : existing ? 'Update review' : 'Post review'}
          </Button>
        </div>
      </form>
      {existing && (
        <form action={deleteAction}>
          <input type="hidden" name="publisher" value={publisher} />
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="reviewId" value={existing.id} />
          <Button type="submit" variant="ghost" size="sm" disabled={deleting} className="text-red-700 hover:bg-red-50">
            Delete my review
          </Button>
          <FormMessage state={deleteState} />
        </form>
      )}
    </div>
  );
}
