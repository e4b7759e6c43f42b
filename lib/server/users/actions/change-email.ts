'use server';

import { headers } from 'next/headers';
import { defineAction } from '@/lib/server/actions/define-action';
import { changeEmailSchema, requestEmailChange } from '@/lib/server/users/account-settings';

export const changeEmailAction = defineAction({
  name: 'account.email',
  access: 'signed-in',
  values: ['newEmail'],
  input: changeEmailSchema,
  read: (form, values) => ({ newEmail: values.newEmail.trim(), password: String(form.get('password') ?? '') }),
  async run({ actor, input }) {
    await requestEmailChange(actor, input, await headers());
    return {
      ok: true,
      message: `We sent a link to ${input.newEmail}. Open it to finish the change; until then your account keeps ${actor.email}. (If that address already has an account, no link is sent.)`,
    };
  },
});
