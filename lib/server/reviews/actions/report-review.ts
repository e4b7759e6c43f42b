'use server';

import { defineAction } from '@/lib/server/actions/define-action';
import { reportInputSchema, reviewFormSchema } from '@/lib/core/reviews/review-schemas';
import { reportReview } from '@/lib/server/reviews/respond-to-review';

export const reportReviewAction = defineAction({
  name: 'reviews.report',
  access: 'signed-in',
  request: reviewFormSchema,
  input: reportInputSchema,
  read: (form) => ({ reason: form.get('reason') ?? '' }),
  invalid: 'Please say what is wrong.',
  async run({ actor, request, input }) {
    await reportReview(actor, request.reviewId, input.reason);
    return { ok: true, message: 'Thanks — a moderator will look at it.' };
  },
});
