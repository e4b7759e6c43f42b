'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { GRANTABLE, setUserRole } from '@/lib/server/users/grant-role';

export const setRoleAction = defineAction({
  name: 'admin.set-role',
  // setUserRole refuses anyone but an admin, in its own words.
  access: 'signed-in',
  request: z.object({
    userId: z.string().min(1),
    role: z.enum(GRANTABLE),
    grant: z.enum(['true', 'false']).transform((v) => v === 'true'),
  }),
  async run({ actor, request }) {
    const user = await setUserRole(actor, request.userId, request.role, request.grant);
    revalidatePath('/admin/users');
    return { ok: true, message: `${user.email}: ${request.grant ? 'granted' : 'removed'} ${request.role.toLowerCase()}.` };
  },
});
