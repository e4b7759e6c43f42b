/** Screenshots per listing. */
export const MAX_SCREENSHOTS = 8;
