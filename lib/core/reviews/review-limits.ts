// Limits of review text, without zod: the review form (browser) and review-schemas.ts share them.
export const REVIEW_BODY_MAX = 5000;
