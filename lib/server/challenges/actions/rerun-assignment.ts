'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { rerunAssignment } from '@/lib/server/challenges/transition-challenge';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const rerunAssignmentAction = defineAction({
  name: 'challenge.rerun-assignment',
  // rerunAssignment refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ challengeId: challengeRecordId, slug: challengeSlug }),
  async run({ actor, request }) {
    const run = await rerunAssignment(actor, request.challengeId);
    revalidateChallengePages(request.slug);
    return {
      ok: true,
      message: `${run.added} added, ${run.removed} removed${run.shortfall.length ? `; ${run.shortfall.length} entries still short (${run.note ?? 'not enough judges'})` : ''}.`,
    };
  },
});
