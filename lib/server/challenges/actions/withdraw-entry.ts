'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { withdrawEntry } from '@/lib/server/challenges/withdraw-entry';

export const withdrawAction = defineAction({
  name: 'challenge.withdraw',
  access: 'signed-in',
  request: z.object({ entryId: challengeRecordId, slug: challengeSlug }),
  async run({ actor, request }) {
    await withdrawEntry(actor, request.entryId);
    revalidatePath(`/challenges/${request.slug}`);
    return { ok: true, message: 'Withdrawn.' };
  },
});
