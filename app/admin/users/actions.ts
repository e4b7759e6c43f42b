'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import type { ActionState } from '@/lib/core/actions/action-state';
import { GRANTABLE, setUserRole } from '@/lib/server/users/grant-role';
import { invalid } from '@/lib/core/errors';

const schema = z.object({
  userId: z.string().min(1),
  role: z.enum(GRANTABLE),
  grant: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export async function setRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('admin.set-role', async () => {
    const actor = await requireActor();
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalid('That request was not understood.');
    const user = await setUserRole(actor, parsed.data.userId, parsed.data.role, parsed.data.grant);
    revalidatePath('/admin/users');
    return { ok: true, message: `${user.email}: ${parsed.data.grant ? 'granted' : 'removed'} ${parsed.data.role.toLowerCase()}.` };
  });
}
