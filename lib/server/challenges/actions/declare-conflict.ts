'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { declareConflict } from '@/lib/server/challenges/declare-conflict';

export const declareConflictAction = defineAction({
  name: 'judge.declare-conflict',
  access: 'signed-in',
  request: z.object({
    challengeId: challengeRecordId,
    slug: challengeSlug,
    entryId: z.string().max(40).optional(),
    entrantId: z.string().max(40).optional(),
    person: z.string().max(320).optional(),
    reason: z.string().max(500).optional(),
  }),
  async run({ actor, request: { challengeId, slug, entryId, entrantId, person, reason } }) {
    await declareConflict(actor, challengeId, { entryId: entryId || undefined, entrantId: entrantId || undefined, person, reason });
    revalidatePath(`/judge/${slug}`, 'layout');
    return { ok: true, message: 'Conflict recorded. You will not judge the entries it covers; assignments without submitted scores went to other judges.' };
  },
});
