'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { listingFormSchema, replyInputSchema, reviewFormSchema } from '@/lib/core/reviews/review-schemas';
import { listingPagePath } from '@/lib/core/publishing/page-paths';
import { replyToReview } from '@/lib/server/reviews/respond-to-review';

export const replyReviewAction = defineAction({
  name: 'reviews.reply',
  access: 'signed-in',
  request: reviewFormSchema.extend(listingFormSchema.shape),
  input: replyInputSchema,
  read: (form) => ({ reply: form.get('reply') ?? '' }),
  invalid: 'Please fix the reply.',
  async run({ actor, request, input }) {
    await replyToReview(actor, request.reviewId, input.reply);
    revalidatePath(listingPagePath(request.publisher, request.slug));
    return { ok: true, message: input.reply ? 'Reply posted.' : 'Reply removed.' };
  },
});
