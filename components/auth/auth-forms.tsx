'use client';

import { Link } from '@/components/ui/link';
import { useActionState } from 'react';
import { signInAction } from '@/lib/server/users/actions/sign-in';
import { signUpAction } from '@/lib/server/users/actions/sign-up';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { MIN_PASSWORD_LENGTH } from '@/lib/core/auth/password-rules';
import { signInHref } from '@/lib/core/http/next-path';

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, initialActionState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormMessage state={state.ok ? null : state} />
      <Field label="E-mail" name="email" error={state.fields?.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />}
      </Field>
      <Field label="Password" name="password" error={state.fields?.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        New here?{' '}
        <Link href={signInHref(next, '/sign-up')} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          Create an account
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signUpAction, initialActionState);
  if (state.ok) {
    return (
      <div role="status" className="space-y-3 text-center" data-testid="sign-up-sent">
        <h2 className="text-lg font-semibold text-slate-900">Check your inbox</h2>
        <p className="text-slate-600">{state.message}</p>
        <p className="text-sm text-slate-500">
          Nothing arrived? Look in your spam folder, or{' '}
          <Link href={signInHref(next)} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
            sign in
          </Link>{' '}
          if you already have an account.
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormMessage state={state.ok ? null : state} />
      <Field label="Name" name="name" error={state.fields?.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" required defaultValue={state.values?.name} />}
      </Field>
      <Field label="E-mail" name="email" error={state.fields?.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />}
      </Field>
      <Field
        label="Password"
        name="password"
        error={state.fields?.password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, mixing two of: lowercase, uppercase, digits, symbols.`}
      >
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href={signInHref(next)} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          Sign in
        </Link>
      </p>
    </form>
  );
}
