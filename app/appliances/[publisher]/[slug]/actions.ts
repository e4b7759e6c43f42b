'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { invalid } from '@/lib/core/errors';
import { deleteOwnReview, saveReview } from '@/lib/server/reviews/save-review';
import { replyToReview, reportReview } from '@/lib/server/reviews/respond-to-review';
import { replyInputSchema, reportInputSchema, reviewInputSchema } from '@/lib/core/reviews/review-schemas';

const listingSchema = z.object({ publisher: z.string().min(1).max(100), slug: z.string().min(1).max(100) });
const reviewIdSchema = z.object({ reviewId: z.string().min(1).max(64) });

function pagePath(publisher: string, slug: string) {
  return `/appliances/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}`;
}

export async function saveReviewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('reviews.save', async () => {
    const actor = await requireActor();
    const where = listingSchema.safeParse(Object.fromEntries(form));
    if (!where.success) throw invalid('That request was not understood.');
    const input = reviewInputSchema.safeParse({ rating: form.get('rating') ?? undefined, body: form.get('body') ?? '' });
    if (!input.success) {
      return { ok: false, message: 'Please fix the review.', fields: fieldErrors(input.error), values: { body: String(form.get('body') ?? '') } };
    }
    await saveReview(actor, where.data.publisher, where.data.slug, input.data);
    revalidatePath(pagePath(where.data.publisher, where.data.slug));
    return { ok: true, message: 'Thanks — your review is saved.' };
  });
}

export async function deleteReviewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('reviews.delete', async () => {
    const actor = await requireActor();
    const parsed = reviewIdSchema.merge(listingSchema).safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalid('That request was not understood.');
    await deleteOwnReview(actor, parsed.data.reviewId);
    revalidatePath(pagePath(parsed.data.publisher, parsed.data.slug));
    return { ok: true, message: 'Your review is deleted.' };
  });
}

export async function replyReviewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('reviews.reply', async () => {
    const actor = await requireActor();
    const ids = reviewIdSchema.merge(listingSchema).safeParse(Object.fromEntries(form));
    const reply = replyInputSchema.safeParse({ reply: form.get('reply') ?? '' });
    if (!ids.success) throw invalid('That request was not understood.');
    if (!reply.success) return { ok: false, message: 'Please fix the reply.', fields: fieldErrors(reply.error) };
    await replyToReview(actor, ids.data.reviewId, reply.data.reply);
    revalidatePath(pagePath(ids.data.publisher, ids.data.slug));
    return { ok: true, message: reply.data.reply ? 'Reply posted.' : 'Reply removed.' };
  });
}

export async function reportReviewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('reviews.report', async () => {
    const actor = await requireActor();
    const ids = reviewIdSchema.safeParse(Object.fromEntries(form));
    const reason = reportInputSchema.safeParse({ reason: form.get('reason') ?? '' });
    if (!ids.success) throw invalid('That request was not understood.');
    if (!reason.success) return { ok: false, message: 'Please say what is wrong.', fields: fieldErrors(reason.error) };
    await reportReview(actor, ids.data.reviewId, reason.data.reason);
    return { ok: true, message: 'Thanks — a moderator will look at it.' };
  });
}
