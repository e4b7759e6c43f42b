/**
 * The challenge editor's input, validated once at the edge (form or API). Times arrive as wall
 * times in the challenge's zone ("2026-08-14T17:00", what a datetime-local input sends) or as
 * instants with an offset ("2026-08-15T00:00:00Z"); they leave as UTC Dates.
 */
import { z } from 'zod';
import { isValidTimeZone } from '@/lib/core/challenges/logic/state-machine';
import { zonedLocalToUtc } from '@/lib/core/challenges/logic/zoned-time';
import { isAppError } from '@/lib/core/errors';
import { slugify } from '@/lib/core/text/slugify';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);
const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', '1', '0', ''])])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');
const whole = (min: number, max: number, what: string) =>
  z.coerce
    .number({ message: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} must be at most ${max}.`);

const categorySchema = z.object({
  id: z.string().trim().max(40).optional().transform((v) => v || undefined),
  name: text(80).min(2, 'Name each category (2 characters or more).'),
  description: text(500).default(''),
  prize: text(200).default(''),
});

const criterionSchema = z
  .object({
    id: z.string().trim().max(40).optional().transform((v) => v || undefined),
    name: text(80).min(2, 'Name each criterion (2 characters or more).'),
    description: text(500).default(''),
    weight: z.coerce.number({ message: 'Weights must be numbers.' }).gt(0, 'Weights must be above 0.').max(100, 'Weights must be at most 100.'),
    scaleMin: whole(0, 100, 'The scale minimum'),
    scaleMax: whole(1, 100, 'The scale maximum'),
  })
  .refine((c) => c.scaleMax > c.scaleMin, { message: 'Each scale’s maximum must be above its minimum.', path: ['scaleMax'] });

export const challengeInputSchema = z
  .object({
    title: text(120).min(3, 'Give the challenge a title of at least 3 characters.'),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(SLUG, 'Use lowercase letters, digits and hyphens (at most 64), starting and ending with a letter or digit.')
      // /admin/challenges/new is the editor for a new challenge.
      .refine((s) => s !== 'new', 'This address is reserved.'),
    summary: text(300).default(''),
    rules: text(20_000).default(''),
    timeZone: z.string().trim().refine(isValidTimeZone, 'Choose a time zone such as Europe/Berlin or America/New_York.'),
    submissionsOpenAt: z.string().trim().min(1, 'Set when submissions open.'),
    submissionsCloseAt: z.string().trim().min(1, 'Set when submissions close.'),
    judgingCloseAt: z.string().trim().min(1, 'Set when judging closes.'),
    judgesPerEntry: whole(1, 10, 'Judges per entry'),
    entryLimit: whole(1, 20, 'The entry limit'),
    blind: checkbox,
    normalizeScores: checkbox,
    peoplesChoice: checkbox,
    allowSelfVote: checkbox,
    votingOpensAt: z.string().trim().optional().default(''),
    votingClosesAt: z.string().trim().optional().default(''),
    grandPrize: text(200).default(''),
    categories: z.array(categorySchema).min(1, 'Add at least one category.').max(20, 'At most 20 categories.'),
    criteria: z.array(criterionSchema).min(1, 'Add at least one rubric criterion.').max(12, 'At most 12 criteria.'),
  })
  .transform((input, ctx) => {
    const when = (field: string, value: string): Date | null => {
      if (!value) return null;
      try {
        return INSTANT.test(value) ? new Date(value) : zonedLocalToUtc(value, input.timeZone);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: [field], message: isAppError(e) ? e.message : 'Not a valid date and time.' });
        return null;
      }
    };
    const submissionsOpenAt = when('submissionsOpenAt', input.submissionsOpenAt);
    const submissionsCloseAt = when('submissionsCloseAt', input.submissionsCloseAt);
    const judgingCloseAt = when('judgingCloseAt', input.judgingCloseAt);
    const votingOpensAt = when('votingOpensAt', input.votingOpensAt);
    const votingClosesAt = when('votingClosesAt', input.votingClosesAt);
    if (submissionsOpenAt && submissionsCloseAt && submissionsCloseAt <= submissionsOpenAt) {
      ctx.addIssue({ code: 'custom', path: ['submissionsCloseAt'], message: 'Submissions must close after they open.' });
    }
    if (submissionsCloseAt && judgingCloseAt && judgingCloseAt <= submissionsCloseAt) {
      ctx.addIssue({ code: 'custom', path: ['judgingCloseAt'], message: 'Judging must close after submissions close.' });
    }
    if (input.peoplesChoice) {
      if (!votingOpensAt) ctx.addIssue({ code: 'custom', path: ['votingOpensAt'], message: 'Set when People’s Choice voting opens.' });
      if (!votingClosesAt) ctx.addIssue({ code: 'custom', path: ['votingClosesAt'], message: 'Set when People’s Choice voting closes.' });
      if (votingOpensAt && votingClosesAt && votingClosesAt <= votingOpensAt) {
        ctx.addIssue({ code: 'custom', path: ['votingClosesAt'], message: 'Voting must close after it opens.' });
      }
    }
    const names = new Set<string>();
    input.categories.forEach((c, i) => {
      const key = c.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'name'], message: `Two categories are called “${c.name}”.` });
      names.add(key);
    });
    if (!submissionsOpenAt || !submissionsCloseAt || !judgingCloseAt) return z.NEVER;
    return {
      ...input,
      submissionsOpenAt,
      submissionsCloseAt,
      judgingCloseAt,
      allowSelfVote: input.peoplesChoice && input.allowSelfVote,
      votingOpensAt: input.peoplesChoice ? votingOpensAt : null,
      votingClosesAt: input.peoplesChoice ? votingClosesAt : null,
    };
  });

export type ChallengeInput = z.output<typeof challengeInputSchema>;

/** A category's slug from its name: lowercase words joined by hyphens ("category" when it has none). */
export function categorySlug(name: string): string {
  return slugify(name, 60) || 'category';
}

const FIELDS = [
  'title', 'slug', 'summary', 'rules', 'timeZone', 'submissionsOpenAt', 'submissionsCloseAt', 'judgingCloseAt', 'judgesPerEntry',
  'entryLimit', 'blind', 'normalizeScores', 'peoplesChoice', 'allowSelfVote', 'votingOpensAt', 'votingClosesAt', 'grandPrize',
] as const;

/**
 * The editor's FormData as the schema's input: scalar fields by name; categories and criteria
 * from repeated fields (`category.name`, `criterion.weight`, …) in document order.
 */
export function challengeFormToInput(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = form.get(f);
    if (typeof v === 'string') out[f] = v;
  }
  const column = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
  const rows = (prefix: string, keys: string[]) => {
    const cols = Object.fromEntries(keys.map((k) => [k, column(`${prefix}.${k}`)]));
    const n = Math.max(0, ...keys.map((k) => cols[k].length));
    return Array.from({ length: Math.min(n, 50) }, (_, i) => Object.fromEntries(keys.map((k) => [k, cols[k][i] ?? ''])));
  };
  out.categories = rows('category', ['id', 'name', 'description', 'prize']);
  out.criteria = rows('criterion', ['id', 'name', 'description', 'weight', 'scaleMin', 'scaleMax']);
  return out;
}

/** Field errors keyed as the form names them: "categories.1.name" etc. */
export function challengeFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    out[key] ??= issue.message;
  }
  return out;
}
