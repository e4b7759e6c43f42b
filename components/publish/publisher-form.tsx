'use client';

import { useActionState } from 'react';
import { createPublisherAction } from '@/lib/server/publishers/actions/create-publisher';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input, Textarea } from '@/components/ui/field';
import { Button } from '@/components/ui/button';

export function CreatePublisherForm() {
  const [state, action, pending] = useActionState(createPublisherAction, initialActionState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state.ok ? null : state} />
      <Field label="Handle" name="handle" error={state.fields?.handle} hint="The first half of your appliances' names: handle/appliance. Lowercase letters, digits, hyphens.">
        {(p) => <Input {...p} name="handle" required autoComplete="off" defaultValue={state.values?.handle} placeholder="acme" />}
      </Field>
      <Field label="Display name" name="displayName" error={state.fields?.displayName}>
        {(p) => <Input {...p} name="displayName" required defaultValue={state.values?.displayName} placeholder="Acme Appliances" />}
      </Field>
      <Field label="Website" name="url" error={state.fields?.url}>
        {(p) => <Input {...p} name="url" type="url" defaultValue={state.values?.url} placeholder="https://example.com" />}
      </Field>
      <Field label="About" name="bio" error={state.fields?.bio} hint="Markdown is fine.">
        {(p) => <Textarea {...p} name="bio" rows={4} defaultValue={state.values?.bio} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create publisher profile'}
      </Button>
    </form>
  );
}
