import type { z } from 'zod';

/** What a form's server action returns to the form (useActionState). */
export interface ActionState {
  ok: boolean;
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}

export const initialActionState: ActionState = { ok: false };

/** Field errors of a zod failure, first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** Only local paths: never an open redirect to another site (lib/core/http/next-path.ts). */
export { safeNextPath } from '@/lib/core/http/next-path';
