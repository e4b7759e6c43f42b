'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { invalid } from '@/lib/core/errors';
import { reassignJudge } from '@/lib/server/challenges/reassign-judge';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const reassignAction = defineAction({
  name: 'challenge.reassign',
  // reassignJudge refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ slug: challengeSlug, assignmentId: challengeRecordId, judgeId: z.string().max(40), reason: z.string().max(500) }),
  async run({ actor, request }) {
    if (!request.judgeId) throw invalid('Choose the judge who takes over.', { judgeId: 'Choose a judge.' });
    await reassignJudge(actor, request.assignmentId, request.judgeId, request.reason);
    revalidateChallengePages(request.slug);
    return { ok: true, message: 'Reassigned.' };
  },
});
