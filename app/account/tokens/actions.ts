'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { createApiToken, revokeApiToken, TOKEN_SCOPES } from '@/lib/server/api-tokens/tokens';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { invalid } from '@/lib/core/errors';

const createSchema = z.object({
  name: z.string().trim().min(1, 'Give the token a name.').max(80, 'Use at most 80 characters.'),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, 'Choose at least one scope.'),
  expiresInDays: z.enum(['', '30', '90', '365']).transform((v) => (v ? Number(v) : null)),
});

export interface CreateTokenState extends ActionState {
  /** The secret, shown once: never stored in plain text, never shown again. */
  token?: string;
}

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  return runAction('tokens.create', async () => {
    const actor = await requireActor();
    const parsed = createSchema.safeParse({ name: form.get('name') ?? '', scopes: form.getAll('scopes'), expiresInDays: form.get('expiresInDays') ?? '' });
    if (!parsed.success) return { ok: false, message: 'Please fix the form.', fields: fieldErrors(parsed.error), values: { name: String(form.get('name') ?? '') } };
    await enforceRateLimit(`token-create:${actor.id}`, { window: 3600, max: 20 }, 'new tokens');
    const created = await createApiToken(actor, parsed.data);
    revalidatePath('/account/tokens');
    return { ok: true, message: `Token “${created.name}” created. Copy it now: it is shown only once.`, token: created.token };
  });
}

export async function revokeTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('tokens.revoke', async () => {
    const actor = await requireActor();
    const id = z.string().min(1).max(64).safeParse(form.get('tokenId'));
    if (!id.success) throw invalid('That request was not understood.');
    await revokeApiToken(actor, id.data);
    revalidatePath('/account/tokens');
    return { ok: true, message: 'Token revoked.' };
  });
}
