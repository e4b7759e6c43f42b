'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import type { ActionState } from '@/lib/core/actions/action-state';
import { invalid } from '@/lib/core/errors';
import { createEntry, withdrawEntry } from '@/lib/server/challenges/entries';
import { castVote } from '@/lib/server/challenges/public-views';

const id = z.string().min(1).max(40);

export async function enterAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.enter', async () => {
    const actor = await requireActor();
    const input = z
      .object({ challengeId: id, slug: z.string().max(80), categoryId: z.string().max(40), versionId: z.string().max(40), statement: z.string().max(2000).default('') })
      .safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    const fields: Record<string, string> = {};
    if (!input.data.versionId) fields.versionId = 'Choose the version to enter.';
    if (!input.data.categoryId) fields.categoryId = 'Choose a category.';
    if (Object.keys(fields).length) return { ok: false, message: 'Please complete the form.', fields };
    await createEntry(actor, input.data);
    revalidatePath(`/challenges/${input.data.slug}`);
    return { ok: true, message: 'You are in! Your entry is listed under “Your entries”.' };
  });
}

export async function withdrawAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.withdraw', async () => {
    const actor = await requireActor();
    const input = z.object({ entryId: id, slug: z.string().max(80) }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    await withdrawEntry(actor, input.data.entryId);
    revalidatePath(`/challenges/${input.data.slug}`);
    return { ok: true, message: 'Withdrawn.' };
  });
}

export async function voteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.vote', async () => {
    const actor = await requireActor();
    const input = z.object({ challengeId: id, entryId: id, slug: z.string().max(80) }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    await castVote(actor, input.data.challengeId, input.data.entryId);
    revalidatePath(`/challenges/${input.data.slug}`);
    return { ok: true, message: 'Vote recorded.' };
  });
}
