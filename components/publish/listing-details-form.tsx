'use client';

import { useActionState } from 'react';
import { updateListingAction } from '@/lib/server/appliances/actions/update-listing';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input, Select, Textarea } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { MarkdownEditor } from '@/components/publish/markdown-editor';
import { COMMON_SPDX_IDS } from '@/lib/core/publishing/spdx';
import type { Listing } from '@/lib/core/publishing/api-schemas';

export function ListingDetailsForm({
  listing,
  categories,
  slugLocked,
}: {
  listing: Listing;
  categories: { slug: string; name: string }[];
  slugLocked: boolean;
}) {
  const [state, action, pending] = useActionState(updateListingAction.bind(null, listing.id), initialActionState);
  const v = state.values ?? {
    name: listing.name,
    slug: listing.slug,
    summary: listing.summary,
    description: listing.description,
    category: listing.category ?? '',
    tags: listing.tags.join(', '),
    license: listing.license ?? '',
    eula: listing.eula ?? '',
    homepage: listing.homepage ?? '',
  };
  const f = state.fields ?? {};
  return (
    <form action={action} className="space-y-6" noValidate>
      <div className="grid gap-5 md:grid-cols-2">
        <Field label="Name" name="name" error={f.name}>
          {(p) => <Input {...p} name="name" required defaultValue={v.name} />}
        </Field>
        <Field label="Address" name="slug" error={f.slug} hint={slugLocked ? 'Published listings keep their address.' : 'Lowercase letters, digits and hyphens.'}>
          {(p) => <Input {...p} name="slug" required defaultValue={v.slug} readOnly={slugLocked} className="font-mono" />}
        </Field>
      </div>
      <Field label="Summary" name="summary" error={f.summary} hint="One line, at most 200 characters, shown on cards and in search results.">
        {(p) => <Input {...p} name="summary" maxLength={200} defaultValue={v.summary} />}
      </Field>
      <MarkdownEditor
        name="description"
        label="Description"
        defaultValue={v.description}
        error={f.description}
        rows={14}
        placeholder={'## What it is\n\nWhat the appliance does, default credentials, ports, how to get started…'}
        hint="Markdown: headings, lists, links, code, tables. Raw HTML is removed when shown."
      />
      <div className="grid gap-5 md:grid-cols-2">
        <Field label="Category" name="category" error={f.category}>
          {(p) => (
            <Select {...p} name="category" defaultValue={v.category}>
              <option value="">No category</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Tags" name="tags" error={f.tags} hint="Up to 10, separated by commas: nginx, web, reverse-proxy.">
          {(p) => <Input {...p} name="tags" defaultValue={v.tags} placeholder="nginx, web" />}
        </Field>
        <Field label="License" name="license" error={f.license} hint="An SPDX identifier or expression, e.g. MIT, Apache-2.0, GPL-2.0-only OR MIT.">
          {(p) => (
            <>
              <Input {...p} name="license" list="spdx-ids" defaultValue={v.license} placeholder="Apache-2.0" className="font-mono" />
              <datalist id="spdx-ids">
                {COMMON_SPDX_IDS.map((id) => (
                  <option key={id} value={id} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Homepage" name="homepage" error={f.homepage}>
          {(p) => <Input {...p} name="homepage" type="url" defaultValue={v.homepage} placeholder="https://example.com/my-appliance" />}
        </Field>
      </div>
      <Field label="End-user license agreement (optional)" name="eula" error={f.eula} hint="Shown before download when present. Leave empty if the license above says it all.">
        {(p) => <Textarea {...p} name="eula" rows={4} defaultValue={v.eula} />}
      </Field>
      <div className="flex items-center gap-3 border-t border-slate-100 pt-5">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save details'}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
