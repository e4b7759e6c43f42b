'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { createEntry } from '@/lib/server/challenges/create-entry';

export const enterAction = defineAction({
  name: 'challenge.enter',
  access: 'signed-in',
  request: z.object({ challengeId: challengeRecordId, slug: challengeSlug, categoryId: z.string().max(40), versionId: z.string().max(40), statement: z.string().max(2000).default('') }),
  async run({ actor, request }) {
    const fields: Record<string, string> = {};
    if (!request.versionId) fields.versionId = 'Choose the version to enter.';
    if (!request.categoryId) fields.categoryId = 'Choose a category.';
    if (Object.keys(fields).length) return { ok: false, message: 'Please complete the form.', fields };
    await createEntry(actor, request);
    revalidatePath(`/challenges/${request.slug}`);
    return { ok: true, message: 'You are in! Your entry is listed under “Your entries”.' };
  },
});
