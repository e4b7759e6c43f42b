// Review input as accepted from forms and the API (validated on the server; the form takes its
// limits from review-limits.ts, so zod stays out of the browser).
import { z } from 'zod';
import { REVIEW_BODY_MAX } from '@/lib/core/reviews/review-limits';

export { REVIEW_BODY_MAX };

export const reviewInputSchema = z.object({
  rating: z.coerce
    .number({ message: 'Choose from 1 to 5 stars.' })
    .int('Choose from 1 to 5 stars.')
    .min(1, 'Choose from 1 to 5 stars.')
    .max(5, 'Choose from 1 to 5 stars.')
    .meta({ description: 'Stars, 1 to 5', example: 5 }),
  body: z
    .string()
    .max(REVIEW_BODY_MAX, `Use at most ${REVIEW_BODY_MAX} characters.`)
    .default('')
    .meta({ description: 'Markdown; rendered sanitised', example: 'Boots in seconds under QEMU; the checksum matched.' }),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const replyInputSchema = z.object({
  reply: z.string().trim().max(REVIEW_BODY_MAX, `Use at most ${REVIEW_BODY_MAX} characters.`),
});

export const reportInputSchema = z.object({
  reason: z.string().trim().min(3, 'Say briefly what is wrong with this review.').max(500, 'Use at most 500 characters.'),
});

export const hideInputSchema = z.object({
  reason: z.string().trim().min(3, 'Give a reason the author will see.').max(500, 'Use at most 500 characters.'),
});

/** Hidden fields of the review forms: which listing's page they sit on, which review they act on. */
export const listingFormSchema = z.object({ publisher: z.string().min(1).max(100), slug: z.string().min(1).max(100) });
export const reviewFormSchema = z.object({ reviewId: z.string().min(1).max(64) });
