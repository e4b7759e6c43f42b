import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@/lib/core/auth/password-rules';

// A short list of the passwords people try first; length alone would let these through.
const COMMON = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', '1234567890', '12345678910', 'qwertyuiop',
  'qwerty1234', 'iloveyou12', 'letmein123', 'welcome123', 'admin12345', 'abc1234567', 'changeme12', 'trustno1234',
  '1q2w3e4r5t', 'zaq12wsxcde', 'football123', 'baseball123', 'sunshine12', 'princess12', 'dragon1234', 'monkey1234',
]);

export { MIN_PASSWORD_LENGTH };

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(128, 'Use at most 128 characters.')
  .refine((p) => !COMMON.has(p.toLowerCase()), 'This password is too common; choose another.')
  .refine((p) => new Set(p).size >= 5, 'Use more different characters.')
  .refine(
    (p) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(p)).length >= 2,
    'Mix at least two of: lowercase, uppercase, digits, symbols.',
  );

export const emailSchema = z.email('Enter a valid e-mail address.').max(254).transform((e) => e.toLowerCase());

export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
  email: emailSchema,
  password: passwordSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(128),
});
