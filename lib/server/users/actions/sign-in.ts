'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { getAuth } from '@/lib/server/auth/auth';
import { authErrorOf } from '@/lib/server/auth/auth-error';
import { env } from '@/lib/config/env';
import { safeNextPath } from '@/lib/core/actions/action-state';
import { signInSchema } from '@/lib/core/auth/password-policy';
import { clientIp } from '@/lib/core/http/client-ip';
import { enforceRateLimit } from '@/lib/server/rate-limit';

const SIGN_IN_REFUSED = 'That e-mail and password do not match a confirmed account. New accounts sign in once confirmed from the e-mail we sent.';

export const signInAction = defineAction({
  name: 'sign-in',
  access: 'public',
  values: ['email'],
  input: signInSchema,
  read: (form) => ({ email: form.get('email'), password: form.get('password') }),
  async run({ input, form }) {
    const h = await headers();
    await enforceRateLimit(`sign-in:ip:${clientIp(h)}`, { window: 60, max: env().AUTH_SIGNIN_MAX_PER_MINUTE }, 'sign-in attempts');
    await enforceRateLimit(`sign-in:email:${input.email}`, { window: 15 * 60, max: env().AUTH_SIGNIN_MAX_PER_MINUTE * 2 }, 'sign-in attempts for this account');
    try {
      await getAuth().api.signInEmail({ body: input, headers: h });
    } catch (e) {
      const refusal = authErrorOf(e);
      if (refusal && (refusal.status === 'UNAUTHORIZED' || refusal.status === 'BAD_REQUEST' || refusal.status === 'FORBIDDEN')) {
        // The same words for a wrong password, an unknown address and an unconfirmed account (which
        // better-auth refuses with 403 and mails the link again): none of them may be told apart.
        return { ok: false, message: SIGN_IN_REFUSED };
      }
      throw e;
    }
    redirect(safeNextPath(form.get('next')));
  },
});
