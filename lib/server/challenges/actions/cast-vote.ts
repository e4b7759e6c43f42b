'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId, challengeSlug } from '@/lib/core/actions/form-fields';
import { castVote } from '@/lib/server/challenges/cast-vote';

export const voteAction = defineAction({
  name: 'challenge.vote',
  access: 'signed-in',
  request: z.object({ challengeId: challengeRecordId, entryId: challengeRecordId, slug: challengeSlug }),
  async run({ actor, request }) {
    await castVote(actor, request.challengeId, request.entryId);
    revalidatePath(`/challenges/${request.slug}`);
    return { ok: true, message: 'Vote recorded.' };
  },
});
