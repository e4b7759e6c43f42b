'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Select, Textarea } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { enterAction } from '@/lib/server/challenges/actions/enter-challenge';

export interface EligibleAppliance {
  id: string;
  name: string;
  versions: { id: string; version: string }[];
}

export function EnterForm({
  challengeId,
  slug,
  appliances,
  categories,
}: {
  challengeId: string;
  slug: string;
  appliances: EligibleAppliance[];
  categories: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState(enterAction, initialActionState);
  return (
    <form action={action} className="space-y-4" aria-label="Enter this challenge">
      <input type="hidden" name="challengeId" value={challengeId} />
      <input type="hidden" name="slug" value={slug} />
      <FormMessage state={state} />
      <Field label="Appliance version" name="versionId" error={state.fields?.versionId} hint="Released versions with a verified file.">
        {(p) => (
          <Select {...p} name="versionId" defaultValue="" required>
            <option value="" disabled>
              Choose…
            </option>
            {appliances.map((a) => (
              <optgroup key={a.id} label={a.name}>
                {a.versions.map((v, i) => (
                  <option key={v.id} value={v.id}>
                    {a.name} {v.version}
                    {i === 0 ? ' (latest)' : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Category" name="categoryId" error={state.fields?.categoryId}>
        {(p) => (
          <Select {...p} name="categoryId" defaultValue={categories.length === 1 ? categories[0].id : ''} required>
            <option value="" disabled>
              Choose…
            </option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Note to the judges" name="statement" error={state.fields?.statement} hint="Optional. What to try first, credentials for the demo… Do not name yourself if judging is blind.">
        {(p) => <Textarea {...p} name="statement" rows={3} maxLength={2000} />}
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Entering…' : 'Enter this challenge'}
      </Button>
    </form>
  );
}
