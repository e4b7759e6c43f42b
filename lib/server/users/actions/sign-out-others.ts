'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { signOutOtherSessions } from '@/lib/server/users/account-settings';

export const signOutOthersAction = defineAction({
  name: 'account.sign-out-others',
  access: 'signed-in',
  async run({ actor }) {
    const ended = await signOutOtherSessions(actor, await headers());
    revalidatePath('/account');
    return { ok: true, message: ended === 0 ? 'There were no other sessions.' : ended === 1 ? 'Signed out of 1 other session.' : `Signed out of ${ended} other sessions.` };
  },
});
