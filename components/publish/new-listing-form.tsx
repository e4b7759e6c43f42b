'use client';

import { useActionState, useState } from 'react';
import { createListingAction } from '@/lib/server/appliances/actions/create-listing';
import { initialActionState } from '@/lib/core/actions/action-state';
import { slugify } from '@/lib/core/text/slugify';
import { Field, FormMessage, Input, Select } from '@/components/ui/field';
import { Button } from '@/components/ui/button';

export function NewListingForm({ handle, categories }: { handle: string; categories: { slug: string; name: string }[] }) {
  const [state, action, pending] = useActionState(createListingAction, initialActionState);
  const [name, setName] = useState(state.values?.name ?? '');
  const [slug, setSlug] = useState(state.values?.slug ?? '');
  const [slugEdited, setSlugEdited] = useState(false);
  const shownSlug = slugEdited ? slug : slugify(name);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Name" name="name" error={state.fields?.name}>
        {(p) => <Input {...p} name="name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Nginx Web Server" />}
      </Field>
      <Field
        label="Address"
        name="slug"
        error={state.fields?.slug}
        hint={
          <>
            Your appliance will be <span className="font-mono text-slate-700">{handle}/{shownSlug || 'your-appliance'}</span>. Lowercase letters, digits and hyphens.
          </>
        }
      >
        {(p) => (
          <div className="flex items-stretch">
            <span className="inline-flex shrink-0 items-center rounded-l-lg border border-r-0 border-slate-300 bg-slate-50 px-3 font-mono text-sm whitespace-nowrap text-slate-500">{handle}/</span>
            <Input
              {...p}
              name="slug"
              required
              value={shownSlug}
              onChange={(e) => {
                setSlugEdited(true);
                setSlug(e.target.value);
              }}
              className="rounded-l-none font-mono"
            />
          </div>
        )}
      </Field>
      <Field label="Summary" name="summary" error={state.fields?.summary} hint="One line shown on cards and in search results.">
        {(p) => <Input {...p} name="summary" maxLength={200} defaultValue={state.values?.summary} placeholder="A hardened web server that boots in seconds" />}
      </Field>
      <Field label="Category" name="category" error={state.fields?.category}>
        {(p) => (
          <Select {...p} name="category" defaultValue={state.values?.category ?? ''}>
            <option value="">Choose later</option>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="flex items-center gap-3 pt-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create listing'}
        </Button>
        <p className="text-sm text-slate-500">It stays a private draft until you submit it for review.</p>
      </div>
    </form>
  );
}
