'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { listingFormSchema, reviewFormSchema } from '@/lib/core/reviews/review-schemas';
import { listingPagePath } from '@/lib/core/publishing/page-paths';
import { deleteOwnReview } from '@/lib/server/reviews/save-review';

export const deleteReviewAction = defineAction({
  name: 'reviews.delete',
  access: 'signed-in',
  request: reviewFormSchema.extend(listingFormSchema.shape),
  async run({ actor, request }) {
    await deleteOwnReview(actor, request.reviewId);
    revalidatePath(listingPagePath(request.publisher, request.slug));
    return { ok: true, message: 'Your review is deleted.' };
  },
});
