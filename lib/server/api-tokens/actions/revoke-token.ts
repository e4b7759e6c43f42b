'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { revokeApiToken } from '@/lib/server/api-tokens/tokens';

export const revokeTokenAction = defineAction({
  name: 'tokens.revoke',
  access: 'signed-in',
  request: z.object({ tokenId: recordId }),
  async run({ actor, request }) {
    await revokeApiToken(actor, request.tokenId);
    revalidatePath('/account/tokens');
    return { ok: true, message: 'Token revoked.' };
  },
});
