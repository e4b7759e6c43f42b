'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { removeChallengeJudge } from '@/lib/server/challenges/remove-challenge-judge';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const removeJudgeAction = defineAction({
  name: 'challenge.remove-judge',
  // removeChallengeJudge refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ challengeId: challengeRecordId, slug: challengeSlug, userId: challengeRecordId }),
  async run({ actor, request }) {
    await removeChallengeJudge(actor, request.challengeId, request.userId);
    revalidateChallengePages(request.slug);
    return { ok: true, message: 'Judge removed.' };
  },
});
