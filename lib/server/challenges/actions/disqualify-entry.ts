'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { disqualifyEntry } from '@/lib/server/challenges/publish-results';
import { revalidateChallengePages } from '@/lib/server/challenges/revalidate-challenge-pages';

export const disqualifyAction = defineAction({
  name: 'challenge.disqualify',
  // disqualifyEntry refuses anyone but an admin.
  access: 'signed-in',
  request: z.object({ slug: challengeSlug, entryId: challengeRecordId, reason: z.string().max(1000) }),
  async run({ actor, request }) {
    const { awardsChanged } = await disqualifyEntry(actor, request.entryId, request.reason);
    revalidateChallengePages(request.slug);
    return { ok: true, message: awardsChanged ? 'Disqualified; the awards were recomputed.' : 'Disqualified.' };
  },
});
