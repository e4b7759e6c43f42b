'use client';

import { useActionState } from 'react';
import { changeEmailAction } from '@/lib/server/users/actions/change-email';
import { changeNameAction } from '@/lib/server/users/actions/change-name';
import { changePasswordAction } from '@/lib/server/users/actions/change-password';
import { deleteAccountAction } from '@/lib/server/users/actions/delete-account';
import { signOutOthersAction } from '@/lib/server/users/actions/sign-out-others';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { MIN_PASSWORD_LENGTH } from '@/lib/core/auth/password-rules';

export function NameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(changeNameAction, initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Name">
      <Field label="Name" name="name" error={state.fields?.name} hint="Shown on your reviews and to admins. Your publisher name is set on the publisher profile.">
        {(p) => <Input {...p} name="name" autoComplete="name" required maxLength={100} defaultValue={state.values?.name ?? name} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save name'}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function EmailForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState(changeEmailAction, initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="E-mail address">
      <p className="text-sm text-slate-600">
        Your address is <span className="font-medium text-slate-900">{email}</span>. A new one takes effect once you open the link we mail to it; your current address is told.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="New e-mail" name="newEmail" error={state.fields?.newEmail}>
          {(p) => <Input {...p} name="newEmail" type="email" autoComplete="email" required defaultValue={state.ok ? '' : state.values?.newEmail} />}
        </Field>
        <Field label="Current password" name="email-password" error={state.fields?.password}>
          {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Sending…' : 'Send confirmation link'}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Password">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Current password" name="currentPassword" error={state.fields?.currentPassword}>
          {(p) => <Input {...p} name="currentPassword" type="password" autoComplete="current-password" required />}
        </Field>
        <Field label="New password" name="newPassword" error={state.fields?.newPassword} hint={`At least ${MIN_PASSWORD_LENGTH} characters, mixing two of: lowercase, uppercase, digits, symbols.`}>
          {(p) => <Input {...p} name="newPassword" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />}
        </Field>
      </div>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="signOutOthers" defaultChecked className="mt-0.5 size-4 rounded border-slate-300" />
        <span>Sign out of every other session (other browsers and devices). API tokens keep working; revoke them on the tokens page.</span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function SignOutOthersForm({ others }: { others: number }) {
  const [state, action, pending] = useActionState(signOutOthersAction, initialActionState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending || (others === 0 && !state.ok)}>
        {pending ? 'Signing out…' : 'Sign out of other sessions'}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

export function DeleteAccountForm({ listings, blocked }: { listings: number; blocked: boolean }) {
  const [state, action, pending] = useActionState(deleteAccountAction, initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Delete account">
      {listings > 0 && (
        <div className="space-y-1">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" name="deleteListings" aria-invalid={state.fields?.deleteListings ? true : undefined} aria-describedby={state.fields?.deleteListings ? 'field-deleteListings-error' : undefined} className="mt-0.5 size-4 rounded border-slate-300" />
            <span>
              Also delete {listings === 1 ? 'my listing' : `my ${listings} listings`} with every version and file. Nobody will be able to download {listings === 1 ? 'it' : 'them'} from this site again.
            </span>
          </label>
          {state.fields?.deleteListings && (
            <p id="field-deleteListings-error" className="text-sm text-red-600">
              {state.fields.deleteListings}
            </p>
          )}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Your password" name="delete-password" error={state.fields?.password}>
          {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <Field label="Type “delete my account”" name="delete-confirm" error={state.fields?.confirm}>
          {(p) => <Input {...p} name="confirm" autoComplete="off" required />}
        </Field>
      </div>
      <FormMessage state={state} />
      <Button type="submit" variant="danger" disabled={pending || blocked}>
        {pending ? 'Deleting…' : 'Delete my account'}
      </Button>
    </form>
  );
}
