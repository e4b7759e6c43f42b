'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { dismissReports } from '@/lib/server/reviews/moderate-reviews';

export const dismissReportsAction = defineAction({
  name: 'reviews.dismiss',
  // dismissReports refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ reviewId: recordId }),
  async run({ actor, request }) {
    await dismissReports(actor, request.reviewId);
    revalidatePath('/admin/reports');
    return { ok: true, message: 'Reports dismissed.' };
  },
});
