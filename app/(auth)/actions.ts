'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '@/lib/server/auth/auth';
import { authErrorOf } from '@/lib/server/auth/auth-error';
import { env } from '@/lib/config/env';
import { signInSchema, signUpSchema } from '@/lib/core/auth/password-policy';
import { fieldErrors, safeNextPath, type ActionState } from '@/lib/core/actions/action-state';
import { runAction } from '@/lib/server/actions/run-action';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { clientIp } from '@/lib/core/http/client-ip';

const SIGN_IN_REFUSED = 'That e-mail and password do not match a confirmed account. New accounts sign in once confirmed from the e-mail we sent.';

const perMinute = () => env().AUTH_SIGNIN_MAX_PER_MINUTE;

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { email: String(form.get('email') ?? '') };
  const next = safeNextPath(form.get('next'));
  const result = await runAction('sign-in', async () => {
    const parsed = signInSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error), values };
    const h = await headers();
    await enforceRateLimit(`sign-in:ip:${clientIp(h)}`, { window: 60, max: perMinute() }, 'sign-in attempts');
    await enforceRateLimit(`sign-in:email:${parsed.data.email}`, { window: 15 * 60, max: perMinute() * 2 }, 'sign-in attempts for this account');
    try {
      await getAuth().api.signInEmail({ body: parsed.data, headers: h });
    } catch (e) {
      const refusal = authErrorOf(e);
      if (refusal && (refusal.status === 'UNAUTHORIZED' || refusal.status === 'BAD_REQUEST' || refusal.status === 'FORBIDDEN')) {
        // The same words for a wrong password, an unknown address and an unconfirmed account (which
        // better-auth refuses with 403 and mails the link again): none of them may be told apart.
        return { ok: false, message: SIGN_IN_REFUSED, values };
      }
      throw e;
    }
    return { ok: true };
  });
  if (result.ok) redirect(next);
  return { ...result, values };
}

export async function signUpAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? '') };
  const next = safeNextPath(form.get('next'));
  const result = await runAction('sign-up', async () => {
    const parsed = signUpSchema.safeParse({ name: form.get('name'), email: form.get('email'), password: form.get('password') });
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error), values };
    const h = await headers();
    await enforceRateLimit(`sign-up:ip:${clientIp(h)}`, { window: 60, max: perMinute() }, 'sign-ups from your address');
    try {
      // A taken address answers exactly like a new one (see lib/server/auth/auth.ts): its owner gets a mail instead.
      await getAuth().api.signUpEmail({ body: { ...parsed.data, callbackURL: next }, headers: h });
    } catch (e) {
      const refusal = authErrorOf(e);
      if (refusal?.code.includes('PASSWORD')) {
        return { ok: false, message: 'Please check the form.', fields: { password: refusal.message }, values };
      }
      throw e;
    }
    return { ok: true, message: `We sent a message to ${parsed.data.email}. Open the link in it to finish creating your account.`, values };
  });
  return { ...result, values: result.values ?? values };
}

export async function signOutAction(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  redirect('/');
}
