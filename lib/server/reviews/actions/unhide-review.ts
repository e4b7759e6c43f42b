'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { setReviewHidden } from '@/lib/server/reviews/moderate-reviews';

export const unhideReviewAction = defineAction({
  name: 'reviews.unhide',
  // setReviewHidden refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ reviewId: recordId }),
  async run({ actor, request }) {
    await setReviewHidden(actor, request.reviewId, false, null);
    revalidatePath('/admin/reports');
    return { ok: true, message: 'Review shown again.' };
  },
});
