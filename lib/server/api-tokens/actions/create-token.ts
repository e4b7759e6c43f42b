'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { createApiToken, TOKEN_SCOPES } from '@/lib/server/api-tokens/tokens';
import { enforceRateLimit } from '@/lib/server/rate-limit';

export const createTokenAction = defineAction({
  name: 'tokens.create',
  access: 'signed-in',
  input: z.object({
    name: z.string().trim().min(1, 'Give the token a name.').max(80, 'Use at most 80 characters.'),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, 'Choose at least one scope.'),
    expiresInDays: z.enum(['', '30', '90', '365']).transform((v) => (v ? Number(v) : null)),
  }),
  read: (form) => ({ name: form.get('name') ?? '', scopes: form.getAll('scopes'), expiresInDays: form.get('expiresInDays') ?? '' }),
  invalid: 'Please fix the form.',
  values: { keys: ['name'], when: 'invalid' },
  async run({ actor, input }) {
    await enforceRateLimit(`token-create:${actor.id}`, { window: 3600, max: 20 }, 'new tokens');
    const created = await createApiToken(actor, input);
    revalidatePath('/account/tokens');
    // The secret, shown once: never stored in plain text, never shown again.
    return { ok: true, message: `Token “${created.name}” created. Copy it now: it is shown only once.`, token: created.token };
  },
});

export type CreateTokenState = Awaited<ReturnType<typeof createTokenAction>>;
