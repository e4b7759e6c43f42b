'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { changeOwnName } from '@/lib/server/users/account-settings';

export const changeNameAction = defineAction({
  name: 'account.name',
  access: 'signed-in',
  values: ['name'],
  async run({ actor, values }) {
    // changeOwnName validates the name itself.
    await changeOwnName(actor, values.name, await headers());
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Your name is saved.' };
  },
});
