'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { invalid } from '@/lib/core/errors';
import { dismissReports, setReviewHidden } from '@/lib/server/reviews/moderate-reviews';
import { hideInputSchema } from '@/lib/core/reviews/review-schemas';

const idSchema = z.string().min(1).max(64);

export async function hideReviewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('reviews.hide', async () => {
    const actor = await requireActor();
    const id = idSchema.safeParse(form.get('reviewId'));
    if (!id.success) throw invalid('That request was not understood.');
    const reason = hideInputSchema.safeParse({ reason: form.get('reason') ?? '' });
    if (!reason.success) return { ok: false, message: 'Give a reason.', fields: fieldErrors(reason.error) };
    await setReviewHidden(actor, id.data, true, reason.data.reason);
    revalidatePath('/admin/reports');
    return { ok: true, message: 'Review hidden.' };
  });
}

export async function unhideReviewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('reviews.unhide', async () => {
    const actor = await requireActor();
    const id = idSchema.safeParse(form.get('reviewId'));
    if (!id.success) throw invalid('That request was not understood.');
    await setReviewHidden(actor, id.data, false, null);
    revalidatePath('/admin/reports');
    return { ok: true, message: 'Review shown again.' };
  });
}

export async function dismissReportsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('reviews.dismiss', async () => {
    const actor = await requireActor();
    const id = idSchema.safeParse(form.get('reviewId'));
    if (!id.success) throw invalid('That request was not understood.');
    await dismissReports(actor, id.data);
    revalidatePath('/admin/reports');
    return { ok: true, message: 'Reports dismissed.' };
  });
}
