'use server';

import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId } from '@/lib/core/actions/form-fields';
import { challengeFieldErrors, challengeFormToInput, challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { updateChallenge } from '@/lib/server/challenges/save-challenge';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const updateChallengeAction = defineAction({
  name: 'challenge.update',
  // updateChallenge refuses anyone but an admin.
  access: 'signed-in',
  args: [challengeRecordId],
  input: challengeInputSchema,
  read: challengeFormToInput,
  invalid: 'Please check the highlighted fields.',
  invalidFields: challengeFieldErrors,
  async run({ actor, args: [challengeId], input, form }) {
    const saved = await updateChallenge(actor, challengeId, input);
    revalidateChallengePages(saved.slug);
    // A new slug moves the page: follow it.
    if (String(form.get('originalSlug') ?? '') !== saved.slug) redirect(`/admin/challenges/${saved.slug}`);
    return { ok: true, message: 'Saved.' };
  },
});
