'use server';

import { headers } from 'next/headers';
import { defineAction } from '@/lib/server/actions/define-action';
import { getAuth } from '@/lib/server/auth/auth';
import { authErrorOf } from '@/lib/server/auth/auth-error';
import { env } from '@/lib/config/env';
import { safeNextPath } from '@/lib/core/actions/action-state';
import { signUpSchema } from '@/lib/core/auth/password-policy';
import { clientIp } from '@/lib/core/http/client-ip';
import { enforceRateLimit } from '@/lib/server/rate-limit';

export const signUpAction = defineAction({
  name: 'sign-up',
  access: 'public',
  values: ['name', 'email'],
  input: signUpSchema,
  read: (form) => ({ name: form.get('name'), email: form.get('email'), password: form.get('password') }),
  async run({ input, form }) {
    const h = await headers();
    await enforceRateLimit(`sign-up:ip:${clientIp(h)}`, { window: 60, max: env().AUTH_SIGNIN_MAX_PER_MINUTE }, 'sign-ups from your address');
    try {
      // A taken address answers exactly like a new one (see lib/server/auth/auth.ts): its owner gets a mail instead.
      await getAuth().api.signUpEmail({ body: { ...input, callbackURL: safeNextPath(form.get('next')) }, headers: h });
    } catch (e) {
      const refusal = authErrorOf(e);
      if (refusal?.code.includes('PASSWORD')) return { ok: false, message: 'Please check the form.', fields: { password: refusal.message } };
      throw e;
    }
    return { ok: true, message: `We sent a message to ${input.email}. Open the link in it to finish creating your account.` };
  },
});
