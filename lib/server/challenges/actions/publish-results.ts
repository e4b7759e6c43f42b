'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { publishResults } from '@/lib/server/challenges/publish-results';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const publishAction = defineAction({
  name: 'challenge.publish',
  // publishResults refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ challengeId: challengeRecordId, slug: challengeSlug, grandPrizeEntryId: z.string().max(40).optional() }),
  async run({ actor, request }) {
    await publishResults(actor, request.challengeId, { grandPrizeEntryId: request.grandPrizeEntryId || null });
    revalidateChallengePages(request.slug);
    return { ok: true, message: 'Results published.' };
  },
});
