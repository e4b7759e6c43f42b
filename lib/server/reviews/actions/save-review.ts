'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { listingFormSchema, reviewInputSchema } from '@/lib/core/reviews/review-schemas';
import { listingPagePath } from '@/lib/core/publishing/page-paths';
import { saveReview } from '@/lib/server/reviews/save-review';

export const saveReviewAction = defineAction({
  name: 'reviews.save',
  access: 'signed-in',
  request: listingFormSchema,
  input: reviewInputSchema,
  read: (form) => ({ rating: form.get('rating') ?? undefined, body: form.get('body') ?? '' }),
  invalid: 'Please fix the review.',
  values: { keys: ['body'], when: 'invalid' },
  async run({ actor, request, input }) {
    await saveReview(actor, request.publisher, request.slug, input);
    revalidatePath(listingPagePath(request.publisher, request.slug));
    return { ok: true, message: 'Thanks — your review is saved.' };
  },
});
