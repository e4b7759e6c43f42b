'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const transitionAction = defineAction({
  name: 'challenge.transition',
  // transitionChallenge refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ challengeId: challengeRecordId, slug: challengeSlug, action: z.enum(['open', 'close', 'archive']) }),
  async run({ actor, request }) {
    const result = await transitionChallenge(actor, request.challengeId, request.action);
    revalidateChallengePages(request.slug);
    const a = result.assignment;
    const message =
      request.action === 'close' && a
        ? `Submissions closed. ${a.added} judge assignments made${a.shortfall.length ? `; ${a.shortfall.length} entries still need judges` : ''}.`
        : `The challenge is now ${result.state.toLowerCase()}.`;
    return { ok: true, message };
  },
});
