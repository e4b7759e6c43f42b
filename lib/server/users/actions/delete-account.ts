'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { deleteOwnAccount } from '@/lib/server/users/delete-account';

const CONFIRMATION = 'delete my account';

export const deleteAccountAction = defineAction({
  name: 'account.delete',
  access: 'signed-in',
  async run({ actor, form }) {
    if (String(form.get('confirm') ?? '').trim().toLowerCase() !== CONFIRMATION) {
      return { ok: false, message: 'Type “delete my account” to confirm.', fields: { confirm: 'Type “delete my account” to confirm.' } };
    }
    await deleteOwnAccount(actor, { password: String(form.get('password') ?? ''), deleteListings: form.get('deleteListings') === 'on' }, await headers());
    // The session rows went with the account; the browser's cookies go now.
    const jar = await cookies();
    for (const c of jar.getAll()) if (/better-auth\./.test(c.name)) jar.delete(c.name);
    redirect('/account/deleted');
  },
});
