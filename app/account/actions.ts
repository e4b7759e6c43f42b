'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { changeEmailSchema, changeOwnName, changeOwnPassword, changePasswordSchema, requestEmailChange, signOutOtherSessions } from '@/lib/server/users/account-settings';
import { deleteOwnAccount } from '@/lib/server/users/delete-account';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

export async function changeNameAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { name: text(form, 'name') };
  const result = await runAction('account.name', async () => {
    const actor = await requireActor();
    await changeOwnName(actor, values.name, await headers());
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Your name is saved.' };
  });
  return { ...result, values };
}

export async function changeEmailAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { newEmail: text(form, 'newEmail') };
  const result = await runAction('account.email', async () => {
    const actor = await requireActor();
    const parsed = changeEmailSchema.safeParse({ newEmail: values.newEmail.trim(), password: text(form, 'password') });
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error) };
    await requestEmailChange(actor, parsed.data, await headers());
    return {
      ok: true,
      message: `We sent a link to ${parsed.data.newEmail}. Open it to finish the change; until then your account keeps ${actor.email}. (If that address already has an account, no link is sent.)`,
    };
  });
  return { ...result, values };
}

export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('account.password', async () => {
    const actor = await requireActor();
    const parsed = changePasswordSchema.safeParse({ currentPassword: text(form, 'currentPassword'), newPassword: text(form, 'newPassword'), signOutOthers: form.get('signOutOthers') === 'on' });
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error) };
    await changeOwnPassword(actor, parsed.data, await headers());
    revalidatePath('/account');
    return { ok: true, message: parsed.data.signOutOthers ? 'Password changed. Every other session is signed out.' : 'Password changed.' };
  });
}

export async function signOutOthersAction(_prev: ActionState): Promise<ActionState> {
  return runAction('account.sign-out-others', async () => {
    const actor = await requireActor();
    const ended = await signOutOtherSessions(actor, await headers());
    revalidatePath('/account');
    return { ok: true, message: ended === 0 ? 'There were no other sessions.' : ended === 1 ? 'Signed out of 1 other session.' : `Signed out of ${ended} other sessions.` };
  });
}

export async function deleteAccountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction('account.delete', async () => {
    const actor = await requireActor();
    if (text(form, 'confirm').trim().toLowerCase() !== 'delete my account') {
      return { ok: false, message: 'Type “delete my account” to confirm.', fields: { confirm: 'Type “delete my account” to confirm.' } };
    }
    await deleteOwnAccount(actor, { password: text(form, 'password'), deleteListings: form.get('deleteListings') === 'on' }, await headers());
    // The session rows went with the account; the browser's cookies go now.
    const jar = await cookies();
    for (const c of jar.getAll()) if (/better-auth\./.test(c.name)) jar.delete(c.name);
    return { ok: true };
  });
  if (result.ok) redirect('/account/deleted');
  return result;
}
