'use client';

import { useActionState } from 'react';
import { createTokenAction, type CreateTokenState } from '@/lib/server/api-tokens/actions/create-token';
import { Button } from '@/components/ui/button';
import { Field, FormMessage, Input, Select } from '@/components/ui/field';
import { CopyButton } from '@/components/catalog/copy-button';

const initial: CreateTokenState = { ok: false };

const SCOPES = [
  { value: 'read', title: 'read', description: 'Search, read listings and files, download — including your own unpublished ones.' },
  { value: 'publish', title: 'publish', description: 'Create listings and versions, upload files, write reviews.' },
];

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, initial);
  return (
    <div className="space-y-4">
      {state.token && (
        <div role="status" className="space-y-2 rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="text-sm font-medium text-emerald-900">{state.message}</p>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 rounded bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 ring-1 ring-emerald-200" data-testid="new-token">
              {state.token}
            </code>
            <CopyButton text={state.token} label="Copy the token" />
          </div>
          <p className="text-xs text-emerald-800">
            Use it as <code className="rounded bg-white px-1">Authorization: Bearer …</code>, or run <code className="rounded bg-white px-1">apx login</code>.
          </p>
        </div>
      )}
      <form action={action} className="grid gap-4 sm:grid-cols-2" aria-label="Create a token">
        <Field label="Name" name="name" hint="Where you will use it, e.g. “laptop CLI” or “CI”." error={state.fields?.name}>
          {(props) => <Input {...props} name="name" required maxLength={80} defaultValue={state.token ? '' : (state.values?.name ?? '')} autoComplete="off" />}
        </Field>
        <Field label="Expires" name="expiresInDays" error={state.fields?.expiresInDays}>
          {(props) => (
            <Select {...props} name="expiresInDays" defaultValue="90">
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
              <option value="">never</option>
            </Select>
          )}
        </Field>
        <fieldset className="sm:col-span-2" aria-describedby={state.fields?.scopes ? 'scopes-error' : undefined}>
          <legend className="mb-1.5 text-sm font-medium text-slate-800">Scopes</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {SCOPES.map((s) => (
              <label key={s.value} className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 hover:bg-slate-50 has-[:checked]:border-brand-300 has-[:checked]:bg-brand-50">
                <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.value === 'read'} className="mt-0.5 size-4 accent-brand-600" />
                <span>
                  <span className="block font-mono text-sm font-medium text-slate-900">{s.title}</span>
                  <span className="block text-xs text-slate-600">{s.description}</span>
                </span>
              </label>
            ))}
          </div>
          {state.fields?.scopes && (
            <p id="scopes-error" className="mt-1 text-sm text-red-600">
              {state.fields.scopes}
            </p>
          )}
        </fieldset>
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? 'Creating…' : 'Create token'}
          </Button>
          {!state.token && <FormMessage state={state.ok ? null : state} />}
        </div>
      </form>
    </div>
  );
}
