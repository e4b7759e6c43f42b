import { z } from 'zod';

const RESERVED = new Set(['admin', 'api', 'apx', 'new', 'settings', 'about', 'help', 'support', 'system', 'root', 'official', 'appliance-exchange']);

export const handleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'Use at least 2 characters.')
  .max(39, 'Use at most 39 characters.')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit.')
  .refine((h) => !h.includes('--'), 'Use single hyphens.')
  .refine((h) => !RESERVED.has(h), 'This handle is reserved.');

const optionalUrl = z
  .string()
  .trim()
  .max(300)
  .transform((v) => (v === '' ? null : v))
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter an http(s) URL.' }).nullable());

export const publisherSchema = z.object({
  handle: handleSchema,
  displayName: z.string().trim().min(1, 'Enter a display name.').max(80, 'Use at most 80 characters.'),
  url: optionalUrl.default(null),
  bio: z.string().trim().max(2000, 'Use at most 2,000 characters.').default(''),
});

export type PublisherInput = z.infer<typeof publisherSchema>;

/** The handle is fixed once chosen (it is part of every listing's address); the rest can change. */
export const publisherUpdateSchema = publisherSchema.omit({ handle: true });
export type PublisherUpdateInput = z.infer<typeof publisherUpdateSchema>;
