'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { invalid } from '@/lib/core/errors';
import { assignJudgeByHand } from '@/lib/server/challenges/reassign-judge';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const assignByHandAction = defineAction({
  name: 'challenge.assign-by-hand',
  // assignJudgeByHand refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ slug: challengeSlug, entryId: challengeRecordId, judgeId: z.string().max(40), reason: z.string().max(500) }),
  async run({ actor, request }) {
    if (!request.judgeId) throw invalid('Choose a judge.', { judgeId: 'Choose a judge.' });
    await assignJudgeByHand(actor, request.entryId, request.judgeId, request.reason);
    revalidateChallengePages(request.slug);
    return { ok: true, message: 'Judge assigned.' };
  },
});
