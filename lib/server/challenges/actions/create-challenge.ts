'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeFieldErrors, challengeFormToInput, challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { createChallenge } from '@/lib/server/challenges/save-challenge';

export const createChallengeAction = defineAction({
  name: 'challenge.create',
  // createChallenge refuses anyone but an admin.
  access: 'signed-in',
  input: challengeInputSchema,
  read: challengeFormToInput,
  invalid: 'Please check the highlighted fields.',
  invalidFields: challengeFieldErrors,
  async run({ actor, input }) {
    const { slug } = await createChallenge(actor, input);
    revalidatePath('/admin/challenges');
    redirect(`/admin/challenges/${slug}`);
  },
});
