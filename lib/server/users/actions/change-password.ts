'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { changeOwnPassword, changePasswordSchema } from '@/lib/server/users/account-settings';

export const changePasswordAction = defineAction({
  name: 'account.password',
  access: 'signed-in',
  input: changePasswordSchema,
  read: (form) => ({
    currentPassword: String(form.get('currentPassword') ?? ''),
    newPassword: String(form.get('newPassword') ?? ''),
    signOutOthers: form.get('signOutOthers') === 'on',
  }),
  async run({ actor, input }) {
    await changeOwnPassword(actor, input, await headers());
    revalidatePath('/account');
    return { ok: true, message: input.signOutOthers ? 'Password changed. Every other session is signed out.' : 'Password changed.' };
  },
});
