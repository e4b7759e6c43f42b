'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { hideInputSchema } from '@/lib/core/reviews/review-schemas';
import { setReviewHidden } from '@/lib/server/reviews/moderate-reviews';

export const hideReviewAction = defineAction({
  name: 'reviews.hide',
  // setReviewHidden refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ reviewId: recordId }),
  input: hideInputSchema,
  read: (form) => ({ reason: form.get('reason') ?? '' }),
  invalid: 'Give a reason.',
  async run({ actor, request, input }) {
    await setReviewHidden(actor, request.reviewId, true, input.reason);
    revalidatePath('/admin/reports');
    return { ok: true, message: 'Review hidden.' };
  },
});
