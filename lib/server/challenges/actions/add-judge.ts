'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { addChallengeJudge } from '@/lib/server/challenges/add-challenge-judge';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const addJudgeAction = defineAction({
  name: 'challenge.add-judge',
  // addChallengeJudge refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ challengeId: challengeRecordId, slug: challengeSlug, email: z.string().max(320) }),
  async run({ actor, request }) {
    const { user } = await addChallengeJudge(actor, request.challengeId, request.email);
    revalidateChallengePages(request.slug);
    return { ok: true, message: `${user.name} joined the panel.` };
  },
});
